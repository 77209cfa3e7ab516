/*
 * pipe.h: an ordered work pipeline.  The caller puts jobs in, worker
 * threads run them, and the caller takes them back in the order it put
 * them, so what it writes from them is the same whatever the number of
 * threads.  While the oldest job is still running the caller runs the next
 * waiting one itself, so with no threads at all (one core) the jobs run in
 * the caller, in order.
 */
#ifndef FW_PIPE_H
#define FW_PIPE_H
#include <stddef.h>

typedef struct fw_pipe fw_pipe;

/** work(job, ctx) runs each job: ctx is ctx[0] in the caller's thread and
 *  ctx[1 + t] in worker thread t, so each thread has its own scratch.  At
 *  most depth jobs are in the pipe at once.  A thread that cannot be
 *  started is not an error: the others, and the caller, do its work. */
fw_pipe *fw_pipe_new(size_t depth, size_t threads,
		     void (*work)(void *job, void *ctx), void *const *ctx);
/** The number of threads one machine's cores keep busy beside the caller
 *  (cores - 1, at most max). */
size_t fw_pipe_threads(size_t max);
/** 1 when depth jobs are in the pipe: take one before putting another. */
int fw_pipe_full(const fw_pipe *p);
/** Put a job in (the pipe must not be full). */
void fw_pipe_put(fw_pipe *p, void *job);
/** The oldest job, done; NULL when the pipe is empty. */
void *fw_pipe_take(fw_pipe *p);
/** Stop the threads (jobs still in the pipe are not run) and free. */
void fw_pipe_free(fw_pipe *p);
#endif
