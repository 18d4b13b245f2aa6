/*
 * limits.h: every bound pincheck puts on its input and its work, in one
 * place. Content can come from a push, so nothing it holds may make a
 * hook crash, hang or run out of memory: what passes a bound is refused
 * with a message (exit 2 or 3), or skipped and said so, never read on.
 */
#ifndef PINCHECK_LIMITS_H
#define PINCHECK_LIMITS_H

#include <stdint.h>

/* ---- Files ---- */

/** Files larger than this are not scanned by default (counted, and on the
 * server reported as `skipped`); `--max-file-size` changes it. */
#define PC_MAX_FILE_SIZE (10u * 1024 * 1024)

/** The largest configuration file read (SPEC section 4). */
#define PC_MAX_CONFIG (1024 * 1024)

/** The largest rule file `rules test` reads, and the largest hook script
 * `install` compares. */
#define PC_MAX_RULE_FILE (1024 * 1024)

/** An eval result: pincheck's own summary is a few lines, but tools' logs
 * hold their samples (an inspect_ai JSON log, promptfoo's responses), read
 * past without being kept (evalfmt.c). Larger is a mistake or an attack:
 * the server has 4 s, and a 15.5 MB inspect_ai JSON log takes 0.66 s and
 * 29 MB (measured on a 2-core build machine, `pincheck eval check`). */
#define PC_MAX_EVAL_FILE (16 * 1024 * 1024)

/** pincheck's own eval summary (SPEC section 5) is a few lines. */
#define PC_MAX_EVAL_SUMMARY (1024 * 1024)

/** An inspect_ai `.eval` archive: the members looked at for header.json,
 * and the most of it inflated (the log less its samples: kilobytes). */
#define PC_MAX_EVAL_ZIP_ENTRIES 100000
#define PC_MAX_EVAL_HEADER (4 * 1024 * 1024)

/** A commit message file (commit-msg). */
#define PC_MAX_MESSAGE (16 * 1024 * 1024)

/** A text report's summary line, in bytes (SPEC section 3), and how many
 * "pin ALIAS as SNAPSHOT" suggestions it names at most. */
#define PC_MAX_SUMMARY 200
#define PC_SUMMARY_PINS 3

/** A provider's saved model list (`catalog import`): LiteLLM's is about
 * 1 MB; its nodes are bounded by PC_DOC_MAX_NODES too. */
#define PC_MAX_CATALOG_LIST (32 * 1024 * 1024)

/** A rule file of imported lifecycle facts a config lists (`catalogs:`). */
#define PC_MAX_CATALOG (4 * 1024 * 1024)

/** A baseline file. */
#define PC_MAX_BASELINE (64 * 1024 * 1024)

/** One inventory `merge` reads (`pins --format json` of a repository). */
#define PC_MAX_INVENTORY (64 * 1024 * 1024)

/* ---- Documents (YAML, JSON) ---- */

#define PC_DOC_MAX_DEPTH 64
#define PC_DOC_MAX_NODES 200000
#define PC_DOC_MAX_KEYS 10000

/** Nesting of a notebook's JSON the lexer follows. */
#define PC_NOTEBOOK_MAX_DEPTH 256

/* ---- Rules and matching ---- */

/** Patterns may come from a pushed .pincheck.yml: bound their size. */
#define PC_MAX_PATTERN_LEN 4096
#define PC_MAX_PARENS_NEST 64

/** A line is code, not data: cap the work one pattern may do on it, so a
 * hostile line cannot hang a hook (LIBS.md 4.3). PCRE2 applies this limit
 * to each start position of a call, so it bounds one attempt, not a line
 * or a file: the budgets below do that. */
#define PC_MATCH_LIMIT 1000000

/** Without JIT (--no-jit, or a pattern JIT cannot take with callouts) the
 * interpreter keeps its backtracking on the heap: PCRE2's default allows
 * gigabytes. In KiB. */
#define PC_MATCH_HEAP_LIMIT (64 * 1024)

/*
 * Rules from outside the binary (.pincheck.yml, rule files) are compiled
 * with auto-callouts (rules.c), and every callout is charged one unit plus
 * the bytes the engine moved since the last one; a possessive scan that
 * backtracks nowhere is charged by its length. A file may spend
 * PC_FILE_BUDGET_BASE + PC_FILE_BUDGET_PER_BYTE units per byte, a run
 * (every file of every thread) PC_RUN_BUDGET_BASE + PC_RUN_BUDGET_PER_BYTE
 * per byte of the files matched: then matching stops, the rule and file
 * are named and the run fails (exit 3) rather than pass what it did not
 * look at. A sane rule spends a few units a byte (two rules with no
 * keyword, run on every line of 119 MB of C headers: 6 a byte, 11 at most
 * in a file); built-in rules are reviewed and not metered. A unit costs
 * about 3 ns.
 */
#define PC_FILE_BUDGET_BASE ((uint64_t)8 << 20)
#define PC_FILE_BUDGET_PER_BYTE 64
#define PC_RUN_BUDGET_BASE ((uint64_t)64 << 20)
#define PC_RUN_BUDGET_PER_BYTE 32

/** An eval.allow_urls pattern is anchored at the URL's start, so one
 * attempt: PCRE2's limits bound the whole match. A few thousand steps are
 * plenty for a URL pattern; a hostile one gives up quickly. */
#define PC_URL_MATCH_LIMIT 100000
#define PC_URL_DEPTH_LIMIT 1000

/** Deciding the role of an id (role.c) reads the line around it: its
 * string literal, the operator before or after it, the name a list is
 * bound to. Each of those reads at most this many bytes, and what one id
 * learns of a line or list is kept for the next (pc_role_file), so a line
 * of a million ids costs work linear in its length. An id in a literal
 * longer than that either way is a choice: reported, as before roles. */
#define PC_ROLE_STEPS 2048

/** The part of a line a report shows around a match, in bytes. */
#define PC_EXCERPT_MAX 400

/* ---- Changes and pushes ---- */

/** Eval trailers examined per message: each may name a file to read and
 * parse, and a change needs a few. More are refused, not skipped. */
#define PC_MAX_EVAL_TRAILERS 64

/** Paths of one commit's diff restricted to what changed (source.c);
 * beyond it the diff reads whole trees. */
#define PC_MAX_CHANGED_PATHS 20000

/** stdin of a push hook can name many refs; a bound keeps it finite. */
#define PC_MAX_PUSH_LINES 100000

/** Tags of tags a pushed ref may name before its object. */
#define PC_MAX_TAG_DEPTH 64

/** Bytes of file contents queued for the worker threads at once. */
#define PC_POOL_QUEUE_BYTES (32u * 1024 * 1024)

/* ---- Time ---- */

/** Default time budgets of the hooks, in seconds (SPEC section 2): git
 * hosts allow a server hook 5 s; a client hook only must never hang. */
#define PC_SERVER_SECONDS 4.0
#define PC_CLIENT_SECONDS 60.0

#endif
