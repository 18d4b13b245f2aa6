/*
 * pool.c: checking whole files (pc_check_files), on worker threads or on
 * the calling one (see pool.h).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pincheck/common.h"
#include "pincheck/limits.h"
#include "pincheck/pool.h"
#include "pincheck/scan.h"
#include "pincheck/watchdog.h"

/* Files travel in batches: one lock round trip per batch, not per file,
 * keeps the walker and the workers from contending on the queue. */
#define BATCH_FILES 64
#define BATCH_BYTES (1024u * 1024)

typedef struct {
	size_t seq;   /* walk order */
	pc_file f;    /* path and data owned by the job */
	char *path, *data;
	git_oid blob; /* f.blob points here: the worker reads it */
} job;

typedef struct {
	job j[BATCH_FILES];
	size_t n, bytes;
} batch;

typedef struct {
	pc_pool *pool;
	pthread_t thread;
	pc_check c;
	pc_findings out;
	pc_repo *repo;    /* its own handle on the repository, for blobs */
	git_odb *odb;
	bool reopened;    /* tried to open repo */
	size_t *seq_of;   /* walk order of each finding in out */
	size_t nseq, aseq;
	int err;
	char errmsg[1024];
} worker;

struct pc_pool {
	pthread_mutex_t lock;
	pthread_cond_t ready, room;
	batch **q;
	size_t head, count, cap, bytes;
	batch *filling;   /* the walker's, not yet queued */
	bool closed;
	size_t next_seq;
	worker *w;
	size_t nw;
	const pc_check_opts *o;
	const pc_repo *repo; /* what workers reopen for blobs, or NULL */
};

size_t pc_ncpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (size_t)n : 1;
}

/*
 * The object database a worker reads blobs from: its own, from a second
 * handle on the repository. One git_odb is thread-safe, but it serializes
 * reads of a pack on its locks (LIBS.md 1.8), and inflating is most of the
 * cost of scanning a revision; with a handle each, workers inflate in
 * parallel, opening it as the walker's was (its pc_repo_env). The walker's
 * database, if the pool was given no repository or it cannot be reopened.
 */
static git_odb *worker_odb(worker *w, git_odb *fallback)
{
	const pc_repo *r = w->pool->repo;
	if (!w->reopened) {
		w->reopened = true;
		if (!r || pc_repo_open(&w->repo, &r->env) != 0 ||
		    git_repository_odb(&w->odb, w->repo->repo) < 0)
			w->odb = NULL;
	}
	return w->odb ? w->odb : fallback;
}

static void run_job(worker *w, const pc_visitor *v, job *j)
{
	size_t before = w->out.n, i;
	if (w->err >= 0 &&
	    (w->err = j->f.odb ? pc_source_blob(worker_odb(w, j->f.odb), j->path, &j->blob, v)
			       : v->file(&j->f, v->payload)) < 0)
		snprintf(w->errmsg, sizeof(w->errmsg), "%s", pc_error_last());
	for (i = before; i < w->out.n; i++) {
		PC_GROW(w->seq_of, w->aseq, w->nseq + 1);
		w->seq_of[w->nseq++] = j->seq;
	}
}

static void batch_free(batch *b)
{
	size_t i;
	for (i = 0; b && i < b->n; i++) {
		free(b->j[i].path);
		free(b->j[i].data);
	}
	free(b);
}

static void *work(void *arg)
{
	worker *w = arg;
	pc_pool *p = w->pool;
	pc_visitor v = pc_check_visitor(&w->c, NULL);

	for (;;) {
		batch *b;
		size_t i;
		pthread_mutex_lock(&p->lock);
		while (!p->count && !p->closed)
			pthread_cond_wait(&p->ready, &p->lock);
		if (!p->count) {
			pthread_mutex_unlock(&p->lock);
			break;
		}
		b = p->q[p->head];
		p->head = (p->head + 1) % p->cap;
		p->count--;
		p->bytes -= b->bytes;
		pthread_cond_signal(&p->room);
		pthread_mutex_unlock(&p->lock);

		for (i = 0; i < b->n; i++)
			run_job(w, &v, &b->j[i]);
		batch_free(b);
	}
	return NULL;
}

/* Queue the walker's batch, waiting while the queue is full. */
static void flush(pc_pool *p)
{
	batch *b = p->filling;
	if (!b || !b->n)
		return;
	p->filling = NULL;
	pthread_mutex_lock(&p->lock);
	while (p->count == p->cap || (p->count && p->bytes + b->bytes > PC_POOL_QUEUE_BYTES))
		pthread_cond_wait(&p->room, &p->lock);
	p->q[(p->head + p->count) % p->cap] = b;
	p->count++;
	p->bytes += b->bytes;
	pthread_cond_signal(&p->ready);
	pthread_mutex_unlock(&p->lock);
}

static bool want(const char *path, void *payload)
{
	pc_pool *p = payload;
	return pc_check_want(p->o, path);
}

/* Copy the file (the source's buffer is gone after this call) and batch it. */
static int enqueue(const pc_file *f, void *payload)
{
	pc_pool *p = payload;
	job *j;
	if (!p->filling)
		p->filling = pc_calloc(1, sizeof(batch));
	j = &p->filling->j[p->filling->n++];
	j->f = *f;
	j->seq = p->next_seq++;
	j->path = pc_strdup(f->path);
	j->f.path = j->path;
	j->f.lines = NULL; /* whole files only: scans, not changes */
	j->f.old_data = NULL;
	j->f.old_path = NULL;
	if (f->blob) {
		git_oid_cpy(&j->blob, f->blob);
		j->f.blob = &j->blob; /* batches are not moved */
	}
	if (f->data) {
		j->data = pc_malloc(f->len + 1);
		memcpy(j->data, f->data, f->len);
		j->f.data = j->data;
		p->filling->bytes += f->len;
	}
	if (p->filling->n == BATCH_FILES || p->filling->bytes >= BATCH_BYTES)
		flush(p);
	return 0;
}

int pc_pool_new(pc_pool **out, size_t nthreads, const pc_check_opts *o, const pc_repo *repo)
{
	pc_pool *p;
	size_t i;
	int err = 0;

	*out = NULL;
	if (!nthreads)
		return pc_error_set(PC_EUSAGE, "a pool needs at least one thread");
	p = pc_calloc(1, sizeof(*p));
	p->o = o;
	p->repo = repo;
	p->cap = 16;
	p->q = pc_calloc(p->cap, sizeof(*p->q));
	p->w = pc_calloc(nthreads, sizeof(*p->w));
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->ready, NULL);
	pthread_cond_init(&p->room, NULL);
	for (i = 0; i < nthreads; i++) {
		worker *w = &p->w[i];
		w->pool = p;
		if ((err = pc_check_init(&w->c, o, &w->out)) < 0) {
			pc_check_free(&w->c);
			break;
		}
		if (pthread_create(&w->thread, NULL, work, w) != 0) {
			pc_check_free(&w->c);
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
	v.max_size = p->o->max_size;
	v.defer_blobs = true; /* workers inflate blobs in parallel */
	return v;
}

int pc_pool_finish(pc_pool *p, pc_findings *out)
{
	size_t i, *pos, total = 0, k;
	int err = 0;

	flush(p);
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
		out->data_skipped += p->w[i].out.data_skipped;
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
		git_odb_free(p->w[i].odb);
		pc_repo_free(p->w[i].repo);
		pc_check_free(&p->w[i].c);
		pc_findings_free(&p->w[i].out);
		free(p->w[i].seq_of);
	}
	for (i = 0; i < p->count; i++) /* only after an early stop */
		batch_free(p->q[(p->head + i) % p->cap]);
	batch_free(p->filling);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->ready);
	pthread_cond_destroy(&p->room);
	free(p->q);
	free(p->w);
	free(p);
	return err;
}

int pc_check_files(pc_findings *out, pc_repo *repo, const pc_check_opts *o, const pc_target *t)
{
	pc_check_opts lo = *o;
	size_t jobs = t->jobs ? t->jobs : pc_ncpus();
	pc_pool *pool = NULL;
	pc_check c;
	pc_visitor v;
	int err, done;

	if (repo) {
		lo.pathspecs = t->paths;
		lo.npathspecs = t->npaths;
	}
	out->max_size = o->max_size;
	pc_watchdog_doing("scanning %s", t->rev ? t->rev : t->staged ? "the index" : "the working tree");
	if (jobs > 1 && pc_pool_new(&pool, jobs, &lo, repo) >= 0) {
		v = pc_pool_visitor(pool);
		err = pc_target_walk(repo, t, &v);
		done = pc_pool_finish(pool, out);
		return err < 0 ? err : done;
	}
	if ((err = pc_check_init(&c, &lo, out)) >= 0) {
		v = pc_check_visitor(&c, NULL);
		err = pc_target_walk(repo, t, &v);
	}
	pc_check_free(&c);
	return err;
}
