/*
 * svg.h: the report's figures, drawn as SVG: a heat map and grouped bars.
 */
#ifndef RP_SVG_H
#define RP_SVG_H

#include <stddef.h>

/** A heat map: rows x cols of shares in [0,1] (negative: no cases),
 *  shaded, with the share as a percentage in each cell. */
char *rp_svg_heatmap(const char *const *rows, size_t nrows,
		     const char *const *cols, size_t ncols, const double *share,
		     const char *title);
/** Horizontal grouped bars: a group of bars per row, one per series. */
char *rp_svg_bars(const char *const *rows, size_t nrows,
		  const char *const *series, size_t nseries,
		  const double *share, const char *title);

#endif
