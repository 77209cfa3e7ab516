/*
 * svgpng.h: SVG drawn as PNG, the one door to librsvg and cairo: for the
 * documents that cannot show SVG (a DOCX shows a figure as a picture).
 */
#ifndef FW_SVGPNG_H
#define FW_SVGPNG_H

#include <stddef.h>

#include "buf.h"
#include "errors.h"

/** The SVG's size in CSS pixels (its width and height, else its viewBox),
 *  and the PNG of it drawn at scale (2: twice as many pixels, for print),
 *  on white.  An SVG librsvg cannot read, or of no size, is an error. */
int fw_svg_png(fw_buf *png, double *width, double *height, const char *svg,
	       size_t len, double scale, fw_error *err);

#endif
