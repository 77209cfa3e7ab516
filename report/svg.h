/*
 * svg.h: the report's figures, drawn as SVG: a heat map and grouped bars.
 */
#ifndef RP_SVG_H
#define RP_SVG_H

#include <stddef.h>

/** A heat map: rows x cols of shares in [0,1] (negative: no cases),
 *  shaded, each cell's text from labels (rows x cols; NULL: the share as
 *  a percentage), key the legend's words. */
char *rp_svg_heatmap(const char *const *rows, size_t nrows,
		     const char *const *cols, size_t ncols, const double *share,
		     const char *const *labels, const char *key,
		     const char *title);
/** Horizontal grouped bars: a group of bars per row, one per series, each
 *  bar's text from labels (rows x series; NULL: none), the scale's
 *  words in axis. */
char *rp_svg_bars(const char *const *rows, size_t nrows,
		  const char *const *series, size_t nseries,
		  const double *share, const char *const *labels,
		  const char *axis, const char *title);

#endif
