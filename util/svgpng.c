/*
 * svgpng.c: SVG to PNG with librsvg (the SVG renderer GNOME and most
 * Linux desktops use) onto a cairo image surface; the PNG is streamed
 * into memory.  charter's figures are its own SVG, but the size of what is
 * drawn is bounded all the same.
 */
#include "svgpng.h"

#include <cairo.h>
#include <librsvg/rsvg.h>

#include <math.h>

#define MAX_SIDE 8000 /* pixels, after scaling */

static cairo_status_t to_buf(void *closure, const unsigned char *data,
			     unsigned int length)
{
	fw_buf_put(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

int fw_svg_png(fw_buf *png, double *width, double *height, const char *svg,
	       size_t len, double scale, fw_error *err)
{
	GError *ge = NULL;
	RsvgHandle *h =
		rsvg_handle_new_from_data((const guint8 *)svg, len, &ge);
	if (!h) {
		int rc = fw_error_set(err, FW_EPARSE, NULL, 0,
				      "the figure is not SVG librsvg can "
				      "read: %s",
				      ge ? ge->message : "unknown error");
		if (ge)
			g_error_free(ge);
		return rc;
	}
	gdouble w = 0, hh = 0;
	if (!rsvg_handle_get_intrinsic_size_in_pixels(h, &w, &hh)) {
		RsvgRectangle ink, logical;
		if (rsvg_handle_get_geometry_for_element(h, NULL, &ink,
							 &logical, NULL)) {
			w = logical.width;
			hh = logical.height;
		}
	}
	if (!(w > 0) || !(hh > 0) || w * scale > MAX_SIDE ||
	    hh * scale > MAX_SIDE) {
		g_object_unref(h);
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "the figure has no size, or one too large "
				    "to draw (%.0f x %.0f)",
				    w, hh);
	}
	int pw = (int)ceil(w * scale), ph = (int)ceil(hh * scale);
	cairo_surface_t *s =
		cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	RsvgRectangle vp = {0, 0, pw, ph};
	int ok = rsvg_handle_render_document(h, cr, &vp, &ge);
	cairo_destroy(cr);
	int rc = 0;
	if (!ok)
		rc = fw_error_set(err, FW_EPARSE, NULL, 0,
				  "the figure could not be drawn: %s",
				  ge ? ge->message : "unknown error");
	else if (cairo_surface_write_to_png_stream(s, to_buf, png) !=
		 CAIRO_STATUS_SUCCESS)
		rc = fw_error_set(err, FW_EIO, NULL, 0,
				  "the figure could not be written as PNG");
	if (ge)
		g_error_free(ge);
	cairo_surface_destroy(s);
	g_object_unref(h);
	*width = w;
	*height = hh;
	return rc;
}
