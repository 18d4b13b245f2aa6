/*
 * lexer.h: which bytes of a file are prose.
 *
 * SPEC section 1: a model id counts only where it can select a model. Mentions
 * in comments, docstrings, Markdown paragraphs, notebook Markdown cells and
 * notebook outputs are prose, and so are HTML/XML text, comments and most
 * attribute values, what a terminal printed in a fenced session, and issue
 * templates and generated site indices (by path). The decision is lexical and always made from the
 * whole file (block comments, docstrings and fences span lines), also when a
 * check only looks at the added lines of a change.
 *
 * Flow: source (file bytes) -> lexer (prose mask) -> matcher.
 */
#ifndef PINCHECK_LEXER_H
#define PINCHECK_LEXER_H

#include <stddef.h>

/** Lexical families; many languages share one. */
typedef enum {
	PC_LANG_PLAIN = 0, /**< unknown: everything is code */
	PC_LANG_HASH,      /**< `#` comments: shell, YAML, TOML, Ruby, Makefile, Dockerfile, Perl, R */
	PC_LANG_PYTHON,    /**< `#` comments plus docstrings */
	PC_LANG_CFAMILY,   /**< `//` and `/ * * /`: C, C++, Java, JS/TS, Go, Rust, C#, Kotlin, Swift, PHP, Scala */
	PC_LANG_MARKDOWN,  /**< prose except fenced code blocks */
	PC_LANG_NOTEBOOK,  /**< .ipynb: only code-cell sources are code */
	PC_LANG_JSON,      /**< no comments: everything is code */
	PC_LANG_ENV,       /**< .env: `#` comments */
	PC_LANG_PROSE,     /**< plain documentation (.rst, .adoc), issue templates: all prose */
	PC_LANG_MARKUP,    /**< HTML, XML, SVG, Vue, Svelte: text, comments, most attribute values prose; <script> code */
} pc_lang;

/** Pick the lexical family from the file name, or a `#!` line in `buf`. */
pc_lang pc_lang_detect(const char *path, const char *buf, size_t len);

/**
 * Fill `mask[0..len)`: 1 where the byte is prose, 0 where it is code.
 * Never fails and never reads outside buf; malformed input (an unclosed
 * comment, broken notebook JSON) degrades to a best effort.
 */
void pc_lex_prose(unsigned char *mask, pc_lang lang, const char *buf, size_t len);

#endif
