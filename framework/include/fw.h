/*
 * fw.h: the public API of libframework, charter's engine for qualitative
 * analysis with the Framework method, one header per module in fw/ (as
 * libgit2's git2/).  The command-line tool and the report writer include
 * this, or the module headers they need, and nothing else of the
 * framework.
 */
#ifndef FW_H
#define FW_H

#include "fw/common.h"

#include "fw/case.h"
#include "fw/cell.h"
#include "fw/chart.h"
#include "fw/codebook.h"
#include "fw/coding.h"
#include "fw/project.h"
#include "fw/query.h"
#include "fw/refi.h"
#include "fw/report_data.h"
#include "fw/sample.h"
#include "fw/source.h"
#include "fw/speaker.h"
#include "fw/history.h"
#include "fw/review.h"
#include "fw/memo.h"
#include "fw/sql.h"
#include "fw/lineref.h"
#include "fw/transcript.h"
#include "fw/agree.h"
#include "fw/coder.h"
#include "fw/merge.h"

#endif
