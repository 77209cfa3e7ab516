/*
 * svg.c: the report's figures, drawn as SVG by charter itself: a heat map
 * of sub-themes by actor group and grouped bar charts.  Text widths are
 * estimated (no font metrics), generously, so labels do not overlap.
 */
#include "svg.h"
#include "buf.h"
#include "escape.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Characters, not bytes, of a UTF-8 string. */
static int chars(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static double text_w(const char *s, double size)
{
	return chars(s) * size * 0.56;
}

/* A row label that fits `room` pixels: whole characters, and an ellipsis
 * where it was cut. */
static void fit(const char *s, double room, double size, char *out, size_t n)
{
	if (text_w(s, size) <= room && strlen(s) < n) {
		snprintf(out, n, "%s", s);
		return;
	}
	int keep = (int)(room / (size * 0.56)) - 1, c = 0;
	size_t i = 0;
	while (s[i] && c < keep) {
		size_t k = 1;
		while (((unsigned char)s[i + k] & 0xC0) == 0x80)
			k++;
		if (i + k + 4 > n) /* room for the ellipsis and the NUL */
			break;
		i += k;
		c++;
	}
	memcpy(out, s, i);
	snprintf(out + i, n - i, "\u2026");
}

/* A row's label, right-aligned to end at x and cut to `room` pixels. */
static void row_label(fw_buf *o, const char *s, double x, double y, double room,
		      double size)
{
	char lab[96];
	fit(s, room, size, lab, sizeof lab);
	fw_buf_printf(o, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", x,
		      y);
	fw_esc_xml(o, lab);
	fw_buf_puts(o, "</text>");
}

/* Break a label into lines of at most `width` characters at spaces. */
static int wrap(const char *s, int width, char lines[][96], int max)
{
	int n = 0;
	const char *p = s;
	while (*p && n < max) {
		while (*p == ' ')
			p++;
		const char *best = NULL, *q = p;
		int c = 0;
		while (*q && c <= width) {
			if (*q == ' ')
				best = q;
			if (((unsigned char)*q & 0xC0) != 0x80)
				c++;
			q++;
		}
		size_t len;
		if (!*q && c <= width)
			len = strlen(p);
		else
			len = best && best > p ? (size_t)(best - p)
					       : (size_t)(q - p);
		if (len > 95)
			len = 95;
		if (n == max - 1 && p[len]) {
			/* last line: keep what fits and mark the cut */
			snprintf(lines[n], 96, "%.*s\u2026",
				 (int)(len > 92 ? 92 : len), p);
			return n + 1;
		}
		snprintf(lines[n++], 96, "%.*s", (int)len, p);
		p += len;
	}
	return n;
}

/* The <svg> element of a w x h figure and its title. */
static void svg_open(fw_buf *o, double w, double h, double size,
		     const char *title)
{
	fw_buf_printf(
		o,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
		"height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
		"font-family=\"Helvetica, Arial, sans-serif\" "
		"font-size=\"%.0f\">",
		w, h, w, h, size);
	fw_buf_puts(o, "<title>");
	fw_esc_xml(o, title ? title : "");
	fw_buf_puts(o, "</title>");
}

/* A blue scale from nearly white to dark. */
static void shade(double v, char out[8])
{
	static const int lo[3] = {0xF2, 0xF6, 0xFB}, hi[3] = {0x0B, 0x4A, 0x8F};
	if (v < 0)
		v = 0;
	if (v > 1)
		v = 1;
	int c[3];
	for (int i = 0; i < 3; i++)
		c[i] = (int)lround(lo[i] + (hi[i] - lo[i]) * v);
	snprintf(out, 8, "#%02X%02X%02X", c[0], c[1], c[2]);
}

/* The width of the widest row label, at most 380. */
static double labels_w(const char *const *rows, size_t nrows, double fs)
{
	double lw = 0;
	for (size_t r = 0; r < nrows; r++)
		if (text_w(rows[r], fs) > lw)
			lw = text_w(rows[r], fs);
	return lw > 380 ? 380 : lw;
}

char *rp_svg_heatmap(const char *const *rows, size_t nrows,
		     const char *const *cols, size_t ncols, const double *share,
		     const char *const *labels, const char *key,
		     const char *title)
{
	const double fs = 12, cw = 96, ch = 24;
	double lw = labels_w(rows, nrows, fs) + 12;
	int hl = 1;
	char lines[4][96];
	for (size_t c = 0; c < ncols; c++) {
		int n = wrap(cols[c], 15, lines, 3);
		if (n > hl)
			hl = n;
	}
	double top = 10 + hl * 14 + 8;
	double w = lw + cw * (double)ncols + 10,
	       h = top + ch * (double)nrows + 34;
	if (w < lw + 28.0 * 5 + 8 + text_w(key, fs) + 10)
		w = lw + 28.0 * 5 + 8 + text_w(key, fs) + 10;
	fw_buf o;
	fw_buf_init(&o);
	svg_open(&o, w, h, fs, title);
	for (size_t c = 0; c < ncols; c++) {
		int n = wrap(cols[c], 15, lines, 3);
		double x = lw + cw * (double)c + cw / 2;
		for (int l = 0; l < n; l++) {
			fw_buf_printf(
				&o,
				"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
				"font-weight=\"bold\">",
				x, top - 8 - (n - 1 - l) * 14.0);
			fw_esc_xml(&o, lines[l]);
			fw_buf_puts(&o, "</text>");
		}
	}
	for (size_t r = 0; r < nrows; r++) {
		double y = top + ch * (double)r;
		row_label(&o, rows[r], lw - 8, y + ch / 2 + 4, lw - 12, fs);
		for (size_t c = 0; c < ncols; c++) {
			double v = share[r * ncols + c];
			char col[8];
			double x = lw + cw * (double)c;
			if (v < 0)
				snprintf(col, sizeof col, "#FFFFFF");
			else
				shade(v, col);
			fw_buf_printf(
				&o,
				"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
				"height=\"%.1f\" fill=\"%s\" stroke=\"#FFFFFF\" "
				"stroke-width=\"2\"/>",
				x, y, cw, ch, col);
			fw_buf_printf(
				&o,
				"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
				"fill=\"%s\">",
				x + cw / 2, y + ch / 2 + 4,
				v > 0.55 ? "#FFFFFF" : "#333333");
			if (v < 0)
				fw_buf_puts(&o, "\u2013");
			else if (labels && labels[r * ncols + c])
				fw_esc_xml(&o, labels[r * ncols + c]);
			else
				fw_buf_printf(&o, "%.0f%%", v * 100);
			fw_buf_puts(&o, "</text>");
		}
	}
	/* key */
	double ky = top + ch * (double)nrows + 12;
	for (int k = 0; k <= 4; k++) {
		char col[8];
		shade(k / 4.0, col);
		fw_buf_printf(
			&o,
			"<rect x=\"%.1f\" y=\"%.1f\" width=\"28\" height=\"12\" "
			"fill=\"%s\"/>",
			lw + 28.0 * k, ky, col);
	}
	fw_buf_printf(&o, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#555555\">",
		      lw + 28.0 * 5 + 8, ky + 10);
	fw_esc_xml(&o, key);
	fw_buf_puts(&o, "</text>");
	fw_buf_puts(&o, "</svg>\n");
	return fw_buf_detach(&o);
}

static const char *const palette[] = {"#1F5FA8", "#E08214", "#4D9221",
				      "#8E3B8E", "#B2182B", "#5E6B73"};

char *rp_svg_bars(const char *const *rows, size_t nrows,
		  const char *const *series, size_t nseries,
		  const double *share, const char *const *labels,
		  const char *axis, const char *title)
{
	const double fs = 12, bh = 13, gap = 12, plot = 300;
	double lw = labels_w(rows, nrows, fs) + 14;
	double tw = 0; /* the widest bar text */
	for (size_t i = 0; labels && i < nrows * nseries; i++)
		if (labels[i] && text_w(labels[i], 10) > tw)
			tw = text_w(labels[i], 10);
	double legend_h = 18.0 * (double)nseries + 6;
	double top = legend_h + 10;
	double group_h = bh * (double)nseries + gap;
	double w = lw + plot + 50 + tw, h = top + group_h * (double)nrows + 42;
	fw_buf o;
	fw_buf_init(&o);
	svg_open(&o, w, h, fs, title);
	for (size_t s = 0; s < nseries; s++) {
		double y = 6 + 18.0 * (double)s;
		fw_buf_printf(
			&o,
			"<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" "
			"fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\">",
			lw, y, palette[s % 6], lw + 18, y + 10);
		fw_esc_xml(&o, series[s]);
		fw_buf_puts(&o, "</text>");
	}
	/* grid at 0, 25, 50, 75, 100% */
	double gy1 = top - 4, gy2 = top + group_h * (double)nrows - gap + 4;
	for (int g = 0; g <= 4; g++) {
		double x = lw + plot * g / 4.0;
		fw_buf_printf(
			&o,
			"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			"stroke=\"#DDDDDD\"/><text x=\"%.1f\" y=\"%.1f\" "
			"text-anchor=\"middle\" fill=\"#666666\" "
			"font-size=\"10\">%d%%</text>",
			x, gy1, x, gy2, x, gy2 + 13, g * 25);
	}
	for (size_t r = 0; r < nrows; r++) {
		double y = top + group_h * (double)r;
		row_label(&o, rows[r], lw - 8, y + bh * (double)nseries / 2 + 4,
			  lw - 14, fs);
		for (size_t s = 0; s < nseries; s++) {
			double v = share[r * nseries + s];
			if (v < 0)
				continue;
			double bw = plot * v;
			fw_buf_printf(
				&o,
				"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
				"height=\"%.1f\" fill=\"%s\"/>",
				lw, y + bh * (double)s,
				bw < 1 && v > 0 ? 1 : bw, bh - 1,
				palette[s % 6]);
			const char *t = labels ? labels[r * nseries + s] : NULL;
			if (t) {
				fw_buf_printf(&o,
					      "<text x=\"%.1f\" y=\"%.1f\" "
					      "font-size=\"10\" "
					      "fill=\"#444444\">",
					      lw + bw + 4,
					      y + bh * (double)s + bh - 2);
				fw_esc_xml(&o, t);
				fw_buf_puts(&o, "</text>");
			}
		}
	}
	if (axis) {
		fw_buf_printf(&o,
			      "<text x=\"%.1f\" y=\"%.1f\" "
			      "text-anchor=\"middle\" fill=\"#555555\" "
			      "font-size=\"10\">",
			      lw + plot / 2, gy2 + 28);
		fw_esc_xml(&o, axis);
		fw_buf_puts(&o, "</text>");
	}
	fw_buf_puts(&o, "</svg>\n");
	return fw_buf_detach(&o);
}
