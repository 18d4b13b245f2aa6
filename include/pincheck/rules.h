/*
 * rules.h: the rule set: rule files (SPEC section 7) and the rules of a
 * repository's .pincheck.yml, loaded with libyaml and compiled once with
 * PCRE2 + JIT. The matcher (match.h) runs them.
 */
#ifndef PINCHECK_RULES_H
#define PINCHECK_RULES_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include "doc.h"

/**
 * Class of a model reference (SPEC section 1). A `mask` rule (multiline
 * only, an extension) reports nothing: the text it matches is a structure
 * classified as a whole, such as an Azure deployment block, whose model
 * name is not a reference of its own, so line references of other
 * providers' rules inside it are dropped.
 */
typedef enum {
	PC_CLASS_ALIAS = 0,
	PC_CLASS_PINNED,
	PC_CLASS_NO_SNAPSHOT,
	PC_CLASS_MASK,
} pc_class;

/** Finding severities; PC_SEV_DEFAULT means "the kind's default". */
typedef enum {
	PC_SEV_DEFAULT = -1,
	PC_SEV_OFF = 0,
	PC_SEV_NOTE,
	PC_SEV_WARNING,
	PC_SEV_ERROR,
} pc_severity;

/** Where a rule came from: config rules win ties over built-in ones. */
typedef enum {
	PC_ORIGIN_BUILTIN = 0,
	PC_ORIGIN_FILE,   /**< a rule file given on the command line */
	PC_ORIGIN_CONFIG, /**< the repository's .pincheck.yml */
	/** a file of `catalogs:` (`pincheck catalog import`): lifecycle facts
	 * only, and each fact it states replaces the one held for the id */
	PC_ORIGIN_CATALOG,
} pc_origin;

typedef struct {
	char *from; /**< matched text (or its last path segment) */
	char *to;   /**< the pinned id to use instead */
} pc_suggest;

typedef struct pc_rule {
	char *id;
	char *provider;
	char *pattern;
	char *message;         /**< why a finding of this rule matters */
	char *advice;          /**< what to do about it; NULL: the kind's default */
	pc_class cls;
	pc_severity severity;
	/** Only where a model is meant: quoted, after '/', or a model key's value. */
	bool context_value;
	/** Only as the value of a model key, flag or argument (`context: key`). */
	bool context_key;
	/** The pattern runs over the whole file, so it may span lines. */
	bool multiline;
	/** Capture group named "id": the reported span, when it matched. */
	int id_group;
	bool disabled;
	pc_origin origin;
	size_t index;          /**< load order; lower wins ties within an origin */
	char *where;           /**< "FILE:LINE:COL" of the rule, for messages */
	char **keywords;       /**< literals one of which every match contains */
	size_t nkeywords;
	bool prefiltered;      /**< false: no keyword known, runs on every line */
	/** Its work is metered and bounded (match.c): not a built-in rule. */
	bool metered;
	pc_suggest *suggest;   /**< from == NULL: applies to every match */
	size_t nsuggest;
	char **test_match;
	size_t ntest_match;
	char **test_no_match;
	size_t ntest_no_match;
	/** A built-in rule: compiled the first time it runs (pc_rule_code),
	 * since a hook sees few keywords and compiling ~100 patterns with
	 * JIT was a fifth of its time. Rules from files and the config are
	 * compiled by pc_ruleset_compile, so a bad pattern is reported
	 * then, with its file:line:col. */
	bool lazy;
	/** pcre2_code *, with token boundaries added; NULL until compiled.
	 * Set once, by whichever thread first needs it (pc_rule_code). */
	_Atomic(void *) re;
} pc_rule;

/** Lifecycle facts for one pinned id (rule files' `models:`). */
typedef struct {
	char *id;
	char *provider;
	char *deprecated; /**< ISO date or NULL */
	char *retires;    /**< ISO date or NULL */
	char *replacement;
} pc_model;

/** Free what a pc_model holds and zero it. */
void pc_model_clear(pc_model *m);

typedef struct {
	char *name;
	char *catalog_date;
	char *where; /**< file the provider was declared in */
} pc_provider;

typedef struct pc_ruleset pc_ruleset;

struct pc_ruleset {
	pc_rule *rules;
	size_t nrules, arules;
	pc_model *models;
	size_t nmodels, amodels;
	pc_provider *providers;
	size_t nproviders, aproviders;
	void *prefilter;      /**< every rule's keywords (pc_ruleset_compile) */
	size_t *always;       /**< rules with no keyword: run on every line or file */
	size_t nalways;
	size_t nmultiline;    /**< enabled multiline rules */
	size_t nalways_line;  /**< line rules with no keyword */
	/** what matching with these rules has spent in this run (match.h) */
	struct pc_match_budget *budget;
	/** The caller's, set before pc_ruleset_compile: PCRE2's interpreter
	 * only, no JIT (valgrind cannot see into JIT code). Same answers. */
	bool no_jit;
};

/** A new, empty rule set. */
pc_ruleset *pc_ruleset_new(void);
void pc_ruleset_free(pc_ruleset *rs);

/**
 * Add the rules of one rule file (SPEC section 7) held in `buf`; `name`
 * is used in messages. PC_EUSAGE with FILE:LINE:COL on any schema error.
 * With PC_ORIGIN_CATALOG the file may hold no `rules:`, and its `models:`
 * facts win over those already in the set (the built-in catalog's, an
 * earlier catalog's): a date or replacement it states replaces the one
 * held for that id, one it does not state is kept. This is the one place
 * imported lifecycle facts meet the built-in ones; every reader of facts
 * (findings, suggestions, drill, bump) asks pc_ruleset_model.
 */
int pc_ruleset_add_file(pc_ruleset *rs, const char *name, const char *buf, size_t len,
			pc_origin origin);

/** Add every built-in rule file compiled into the binary. */
int pc_ruleset_add_builtin(pc_ruleset *rs);

/**
 * Add one rule given as a mapping node (a rule file's `rules:` item or a
 * .pincheck.yml `rules:` item); `provider` is the file's default provider.
 */
int pc_ruleset_add_rule(pc_ruleset *rs, const pc_doc *doc, const pc_node *node,
			const char *provider, pc_origin origin);

/** Disable a rule by id; PC_EUSAGE if no such rule. */
int pc_ruleset_disable(pc_ruleset *rs, const char *id, const char *where);

/**
 * Compile every enabled rule that is not lazy (PCRE2, + JIT unless
 * rs->no_jit) and build the prefilter. Rejects duplicate ids, bad regexes
 * (PC_EUSAGE naming the rule's file:line:col).
 */
int pc_ruleset_compile(pc_ruleset *rs);

/**
 * The compiled pattern of an enabled rule of a compiled set (a
 * pcre2_code *), compiling a lazy rule now; safe from several threads.
 * PC_EUSAGE naming the rule's file:line:col if its pattern is bad.
 */
int pc_rule_code(const pc_ruleset *rs, const pc_rule *r, void **out);

/** Rule by id, or NULL. */
pc_rule *pc_ruleset_find(const pc_ruleset *rs, const char *id);

/**
 * Lifecycle facts for an id, or NULL; an id with a provider prefix
 * ("openai/gpt-4o-2024-08-06") finds the facts of the id without it.
 */
const pc_model *pc_ruleset_model(const pc_ruleset *rs, const char *id);

/** The suggestion for a matched text, or NULL. */
const char *pc_rule_suggest(const pc_rule *rule, const char *text, size_t len);

/**
 * Does `pattern` compile on its own as PCRE2? On failure -1 and a message
 * with the offset into the pattern in msg.
 */
int pc_regex_check(const char *pattern, char *msg, size_t msgsize);

const char *pc_class_name(pc_class cls);
const char *pc_severity_name(pc_severity sev);
/** Parse a severity name; PC_EUSAGE if unknown. */
int pc_severity_parse(pc_severity *out, const char *s);

#endif
