/*
 * pool.c: the worker threads of a parallel scan (see pool.h).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pincheck/common.h"
#include "pincheck/pool.h"
#include "pincheck/scan.h"

/* Bytes waiting in the queue at most: memory stays bounded by this plus
 * the files being scanned, whatever the size of the repository. */
#define QUEUE_BYTES (32u * 1024 * 1024)

typedef struct {
	size_t seq;   /* walk order */
	pc_file f;    /* path and data owned by the job */
	char *path, *data;
} job;

typedef struct {
	pc_pool *pool;
	pthread_t thread;
	pc_check c;
	pc_findings out;
	size_t *seq_of;   /* walk order of each finding in out */
	size_t nseq, aseq;
	int err;
	char errmsg[1024];
} worker;

struct pc_pool {
	pthread_mutex_t lock;
	pthread_cond_t ready, room;
	job *q;
	size_t head, count, cap, bytes;
	bool closed;
	size_t next_seq;
	worker *w;
	size_t nw;
	const pc_check *proto;
};

size_t pc_ncpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (size_t)n : 1;
}

static void *work(void *arg)
{
	worker *w = arg;
	pc_pool *p = w->pool;
	pc_visitor v = pc_check_visitor(&w->c);

	for (;;) {
		job j;
		size_t before, i;
		pthread_mutex_lock(&p->lock);
		while (!p->count && !p->closed)
			pthread_cond_wait(&p->ready, &p->lock);
		if (!p->count) {
			pthread_mutex_unlock(&p->lock);
			break;
		}
		j = p->q[p->head];
		p->head = (p->head + 1) % p->cap;
		p->count--;
		p->bytes -= j.f.len;
		pthread_cond_signal(&p->room);
		pthread_mutex_unlock(&p->lock);

		before = w->out.n;
		if (w->err >= 0 && (w->err = v.file(&j.f, v.payload)) < 0)
			snprintf(w->errmsg, sizeof(w->errmsg), "%s", pc_error_last());
		for (i = before; i < w->out.n; i++) {
			PC_GROW(w->seq_of, w->aseq, w->nseq + 1);
			w->seq_of[w->nseq++] = j.seq;
		}
		free(j.path);
		free(j.data);
	}
	return NULL;
}

static bool want(const char *path, void *payload)
{
	pc_pool *p = payload;
	return pc_check_want(p->proto, path);
}

/* Copy the file (the source's buffer is gone after this call) and queue it. */
static int enqueue(const pc_file *f, void *payload)
{
	pc_pool *p = payload;
	job j;
	memset(&j, 0, sizeof(j));
	j.f = *f;
	j.path = pc_strdup(f->path);
	j.f.path = j.path;
	j.f.lines = NULL; /* whole files only: scans, not changes */
	j.f.old_data = NULL;
	j.f.old_path = NULL;
	if (f->data) {
		j.data = pc_malloc(f->len + 1);
		memcpy(j.data, f->data, f->len);
		j.f.data = j.data;
	}
	pthread_mutex_lock(&p->lock);
	while (p->count == p->cap || (p->count && p->bytes + f->len > QUEUE_BYTES))
		pthread_cond_wait(&p->room, &p->lock);
	j.seq = p->next_seq++;
	p->q[(p->head + p->count) % p->cap] = j;
	p->count++;
	p->bytes += f->len;
	pthread_cond_signal(&p->ready);
	pthread_mutex_unlock(&p->lock);
	return 0;
}

int pc_pool_new(pc_pool **out, size_t nthreads, const pc_check *proto)
{
	pc_pool *p = pc_calloc(1, sizeof(*p));
	size_t i;
	int err = 0;

	*out = NULL;
	p->proto = proto;
	p->cap = 256;
	p->q = pc_calloc(p->cap, sizeof(*p->q));
	p->w = pc_calloc(nthreads, sizeof(*p->w));
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->ready, NULL);
	pthread_cond_init(&p->room, NULL);
	for (i = 0; i < nthreads; i++) {
		worker *w = &p->w[i];
		w->pool = p;
		w->c = *proto;
		w->c.out = &w->out;
		w->c.pins = NULL;
		if ((err = pc_matcher_new(&w->c.m, proto->rs)) < 0)
			break;
		if (pthread_create(&w->thread, NULL, work, w) != 0) {
			pc_matcher_free(w->c.m);
			err = pc_error_set(PC_ERUNTIME, "cannot start a scanning thread");
			break;
		}
		p->nw++;
	}
	if (!p->nw) {
		pc_pool_finish(p, NULL);
		return err;
	}
	*out = p;
	return 0;
}

pc_visitor pc_pool_visitor(pc_pool *p)
{
	pc_visitor v;
	v.want = want;
	v.file = enqueue;
	v.payload = p;
	v.max_size = p->proto->max_size;
	return v;
}

int pc_pool_finish(pc_pool *p, pc_findings *out)
{
	size_t i, *pos, total = 0, k;
	int err = 0;

	pthread_mutex_lock(&p->lock);
	p->closed = true;
	pthread_cond_broadcast(&p->ready);
	pthread_mutex_unlock(&p->lock);
	for (i = 0; i < p->nw; i++)
		pthread_join(p->w[i].thread, NULL);
	for (i = 0; i < p->nw && err >= 0; i++)
		if (p->w[i].err < 0)
			err = pc_error_set(p->w[i].err, "%s", p->w[i].errmsg);
	/* Merge in walk order: each worker's findings are already in order,
	 * so a k-way merge by the walk sequence of their file. */
	pos = pc_calloc(p->nw + 1, sizeof(*pos));
	for (i = 0; out && i < p->nw; i++) {
		out->files += p->w[i].out.files;
		out->binary_skipped += p->w[i].out.binary_skipped;
		out->large_skipped += p->w[i].out.large_skipped;
		out->submodules_skipped += p->w[i].out.submodules_skipped;
		total += p->w[i].out.n;
	}
	for (k = 0; out && k < total; k++) {
		worker *best = NULL;
		for (i = 0; i < p->nw; i++) {
			worker *w = &p->w[i];
			if (pos[i] < w->out.n &&
			    (!best || w->seq_of[pos[i]] < best->seq_of[pos[best - p->w]]))
				best = w;
		}
		*pc_findings_add(out) = best->out.items[pos[best - p->w]++];
		memset(&best->out.items[pos[best - p->w] - 1], 0, sizeof(pc_finding));
	}
	free(pos);
	for (i = 0; i < p->nw; i++) {
		pc_matcher_free(p->w[i].c.m);
		pc_findings_free(&p->w[i].out);
		free(p->w[i].seq_of);
	}
	for (i = 0; i < p->count; i++) { /* only after an early stop */
		free(p->q[(p->head + i) % p->cap].path);
		free(p->q[(p->head + i) % p->cap].data);
	}
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->ready);
	pthread_cond_destroy(&p->room);
	free(p->q);
	free(p->w);
	free(p);
	return err;
}
