/*
 * pipe.c: an ordered work pipeline on POSIX threads.
 *
 * Jobs sit in a ring of depth slots.  Three counters say where each is:
 * [taken, claimed) are running or done, [claimed, put) wait for a thread.
 * A job is claimed in the order it was put, so the oldest is always among
 * the first to run.
 */
#include "pipe.h"
#include "alloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

struct fw_pipe {
	pthread_mutex_t mu;
	pthread_cond_t ready; /* a job to claim, or stop */
	pthread_cond_t done;  /* a job finished */
	void **slot;
	unsigned char *finished;
	size_t depth, put, claimed, taken;
	int stop;
	void (*work)(void *, void *);
	void *const *ctx;
	pthread_t *th;
	size_t nth;
};

typedef struct worker_arg {
	fw_pipe *p;
	size_t t;
} worker_arg;

/* Claim the next waiting job and run it (mu held on entry and exit). */
static void run_next(fw_pipe *p, void *ctx)
{
	size_t k = p->claimed++ % p->depth;
	void *job = p->slot[k];
	pthread_mutex_unlock(&p->mu);
	p->work(job, ctx);
	pthread_mutex_lock(&p->mu);
	p->finished[k] = 1;
	pthread_cond_broadcast(&p->done);
}

static void *worker(void *arg)
{
	fw_pipe *p = ((worker_arg *)arg)->p;
	void *ctx = p->ctx[1 + ((worker_arg *)arg)->t];
	free(arg);
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->stop && p->claimed == p->put)
			pthread_cond_wait(&p->ready, &p->mu);
		if (p->stop)
			break;
		run_next(p, ctx);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

size_t fw_pipe_threads(size_t max)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	size_t t = n > 1 ? (size_t)n - 1 : 0;
	return t < max ? t : max;
}

fw_pipe *fw_pipe_new(size_t depth, size_t threads,
		     void (*work)(void *job, void *ctx), void *const *ctx)
{
	fw_pipe *p = fw_xcalloc(1, sizeof *p);
	p->depth = depth ? depth : 1;
	p->slot = fw_xcalloc(p->depth, sizeof *p->slot);
	p->finished = fw_xcalloc(p->depth, 1);
	p->work = work;
	p->ctx = ctx;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->ready, NULL);
	pthread_cond_init(&p->done, NULL);
	p->th = fw_xcalloc(threads ? threads : 1, sizeof *p->th);
	for (size_t t = 0; t < threads; t++) {
		worker_arg *a = fw_xcalloc(1, sizeof *a);
		a->p = p;
		a->t = t;
		if (pthread_create(&p->th[p->nth], NULL, worker, a)) {
			free(a);
			break; /* fewer threads; the caller runs the rest */
		}
		p->nth++;
	}
	return p;
}

int fw_pipe_full(const fw_pipe *p)
{
	return p->put - p->taken >= p->depth;
}

void fw_pipe_put(fw_pipe *p, void *job)
{
	pthread_mutex_lock(&p->mu);
	size_t k = p->put++ % p->depth;
	p->slot[k] = job;
	p->finished[k] = 0;
	pthread_cond_signal(&p->ready);
	pthread_mutex_unlock(&p->mu);
}

void *fw_pipe_take(fw_pipe *p)
{
	pthread_mutex_lock(&p->mu);
	void *job = NULL;
	if (p->taken < p->put) {
		size_t k = p->taken % p->depth;
		while (!(p->taken < p->claimed && p->finished[k])) {
			if (p->claimed < p->put)
				run_next(p, p->ctx[0]);
			else
				pthread_cond_wait(&p->done, &p->mu);
		}
		job = p->slot[k];
		p->taken++;
	}
	pthread_mutex_unlock(&p->mu);
	return job;
}

void fw_pipe_free(fw_pipe *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->ready);
	pthread_mutex_unlock(&p->mu);
	for (size_t t = 0; t < p->nth; t++)
		pthread_join(p->th[t], NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->ready);
	pthread_cond_destroy(&p->done);
	free(p->th);
	free(p->slot);
	free(p->finished);
	free(p);
}
