/*
 * htmlpage.c: the page frame and the style sheet shared by chart pages,
 * transcript pages and the report.
 */
#include "htmlpage.h"
#include "escape.h"

static const char css[] =
	/* every page */
	"body{color:#222}\n"
	"a{color:#1f5fa8}\n"
	/* charts and transcript pages */
	"body.page-chart{font-family:system-ui,-apple-system,'Segoe UI',"
	"sans-serif;margin:1.5em}\n"
	".page-chart h1{font-size:1.3em}\n"
	"table.chart{border-collapse:collapse;font-size:.9em}\n"
	".chart th,.chart td{border:1px solid #bbb;padding:.4em .5em;"
	"vertical-align:top;text-align:left}\n"
	".chart th{background:#dce6f1;position:sticky;top:0}\n"
	".chart td{max-width:26em}\n"
	".chart td.case{font-weight:600;white-space:nowrap}\n"
	".chart tr.group td{background:#ededed;font-weight:600}\n"
	".chart .refs{color:#666}\n"
	".chart .draft{color:#8a5a00;font-style:italic}\n"
	"table.src{border-collapse:collapse;font-size:.92em}\n"
	".src td{padding:0 .5em;vertical-align:top}\n"
	".src td.n{color:#888;text-align:right;user-select:none}\n"
	".src td.k{white-space:nowrap;width:1%}\n"
	".src span.s{display:inline-block;width:5px;height:1.2em;"
	"margin-right:1px}\n"
	".src tr:target{background:#fff3b0}\n"
	".src td.t{white-space:pre-wrap}\n"
	".spk{font-weight:600}\n"
	/* the report */
	"body.page-report{font-family:Georgia,'Times New Roman',serif;"
	"max-width:46em;margin:2em auto;padding:0 1em;line-height:1.5}\n"
	".page-report h1,.page-report h2,.page-report h3,.page-report h4,.page-report .contents,"
	".page-report table,.page-report figcaption,.page-report .caption{font-family:"
	"'Helvetica Neue',Arial,sans-serif}\n"
	".page-report h1.title{font-size:1.9em;margin-bottom:.2em}\n"
	".page-report p.subtitle{color:#555;margin-top:0}\n"
	".page-report h2{font-size:1.55em;border-bottom:2px solid #1f5fa8;"
	"padding-bottom:.2em;margin-top:2.2em}\n"
	".page-report h3{font-size:1.2em;margin-top:1.8em}\n"
	".page-report h4{font-size:1.02em;margin:1.4em 0 .4em}\n"
	".page-report .contents ol{list-style:none;padding-left:0}\n"
	".page-report .contents ol ol{padding-left:1.4em;font-size:.92em}\n"
	".page-report .contents li{margin:.15em 0}\n"
	".page-report blockquote{margin:.8em 0 .8em 1.2em;padding:.1em .9em;"
	"border-left:4px solid #c8d6ea;color:#333;font-style:italic}\n"
	".page-report blockquote p{margin:.3em 0}\n"
	".page-report blockquote .who{font-style:normal;font-size:.88em;"
	"color:#555}\n"
	".page-report table{border-collapse:collapse;margin:.6em 0 1.2em;"
	"font-size:.88em}\n"
	".page-report th,.page-report td{border:1px solid #bbb;padding:.25em .6em;"
	"text-align:left;vertical-align:top}\n"
	".page-report td.n,.page-report th.n{text-align:right}\n"
	".page-report thead th{background:#e8eef7}\n"
	".page-report tr.grp td{background:#f3f3f3;font-weight:bold}\n"
	".page-report .caption{font-weight:bold;margin:1.2em 0 .2em;"
	"font-size:.95em}\n"
	".page-report .note{font-size:.85em;color:#555;margin-top:-.8em}\n"
	".page-report figure{margin:1em 0}\n"
	".page-report figcaption{font-weight:bold;font-size:.95em;"
	"margin-bottom:.4em}\n"
	".page-report figure svg{max-width:100%;height:auto}\n"
	".page-report a{text-decoration:none}\n"
	".page-report a:hover{text-decoration:underline}\n"
	".page-report p.summary{margin:.4em 0}\n"
	".page-report p.todo{background:#fff4d6;border-left:4px solid #c69500;"
	"padding:.4em .8em;color:#6b5200}\n"
	"@page{size:A4;margin:20mm}\n"
	"@media print{body.page-report{max-width:none;margin:0;font-size:10.5pt}"
	".page-report h2{page-break-before:always}"
	".page-report h3,.page-report h4{page-break-after:avoid}"
	".page-report table,.page-report blockquote{page-break-inside:avoid}"
	".page-report figure svg{max-height:240mm;width:auto;height:auto}"
	".page-report figcaption,.page-report .caption{page-break-after:avoid;"
	"break-after:avoid}"
	".page-report p.todo{background:none;border:1px dashed #999}"
	".page-report a{color:inherit}}\n";

void fw_html_open(fw_buf *b, int kind, const char *title)
{
	fw_buf_puts(b,
		    "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/"
		    "xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
		    "<meta name=\"viewport\" content=\"width=device-width\"/>\n"
		    "<title>");
	fw_esc_xml(b, title);
	fw_buf_puts(b, "</title>\n<style>\n");
	fw_buf_puts(b, css);
	fw_buf_printf(b, "</style>\n</head>\n<body class=\"%s\">\n",
		      kind == FW_PAGE_REPORT ? "page-report" : "page-chart");
}

void fw_html_close(fw_buf *b)
{
	fw_buf_puts(b, "</body>\n</html>\n");
}
