/*
 * test_lexer.c: the prose mask (lexer.c), one trap per test.
 *
 * Most tests ask one question: is the first byte of a substring prose? The
 * text is copied into a buffer of exactly its length, so AddressSanitizer and
 * valgrind catch any read past the end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "pincheck/lexer.h"

/* Mask of buf[0..len) in exactly-sized heap copies; every value must be 0 or 1. */
static unsigned char *lex_n(pc_lang lang, const char *text, size_t len)
{
	char *buf = malloc(len ? len : 1);
	unsigned char *mask = malloc(len ? len : 1);
	size_t i;
	assert_non_null(buf);
	assert_non_null(mask);
	if (len)
		memcpy(buf, text, len);
	memset(mask, 0xaa, len ? len : 1);
	pc_lex_prose(mask, lang, buf, len);
	for (i = 0; i < len; i++)
		assert_true(mask[i] <= 1);
	free(buf);
	return mask;
}

/* Is the first byte of the first `needle` in `text` prose? */
static int prose_at(pc_lang lang, const char *text, const char *needle)
{
	const char *hit = strstr(text, needle);
	unsigned char *mask;
	int r;
	assert_non_null(hit);
	mask = lex_n(lang, text, strlen(text));
	r = mask[hit - text];
	free(mask);
	return r;
}

#define PROSE(lang, text, needle) assert_int_equal(prose_at(PC_LANG_##lang, text, needle), 1)
#define CODE(lang, text, needle) assert_int_equal(prose_at(PC_LANG_##lang, text, needle), 0)

/* ---- pc_lang_detect ---- */

static void test_detect_extensions(void **state)
{
	(void)state;
	assert_int_equal(pc_lang_detect("a/b.py", "", 0), PC_LANG_PYTHON);
	assert_int_equal(pc_lang_detect("x.ts", "", 0), PC_LANG_CFAMILY);
	assert_int_equal(pc_lang_detect("src/App.tsx", "", 0), PC_LANG_CFAMILY);
	assert_int_equal(pc_lang_detect("a.jsx", "", 0), PC_LANG_CFAMILY);
	assert_int_equal(pc_lang_detect("a.mjs", "", 0), PC_LANG_CFAMILY);
	assert_int_equal(pc_lang_detect("a.cjs", "", 0), PC_LANG_CFAMILY);
	assert_int_equal(pc_lang_detect("main.go", "", 0), PC_LANG_CFAMILY);
	assert_int_equal(pc_lang_detect("lib.rs", "", 0), PC_LANG_CFAMILY);
	assert_int_equal(pc_lang_detect("A.java", "", 0), PC_LANG_CFAMILY);
	assert_int_equal(pc_lang_detect("P.cs", "", 0), PC_LANG_CFAMILY);
	assert_int_equal(pc_lang_detect("x.kt", "", 0), PC_LANG_CFAMILY);
	assert_int_equal(pc_lang_detect("x.swift", "", 0), PC_LANG_CFAMILY);
	assert_int_equal(pc_lang_detect("x.php", "", 0), PC_LANG_CFAMILY);
	assert_int_equal(pc_lang_detect("x.scala", "", 0), PC_LANG_CFAMILY);
	assert_int_equal(pc_lang_detect("x.cpp", "", 0), PC_LANG_CFAMILY);
	assert_int_equal(pc_lang_detect("README.md", "", 0), PC_LANG_MARKDOWN);
	assert_int_equal(pc_lang_detect("docs/a.markdown", "", 0), PC_LANG_MARKDOWN);
	assert_int_equal(pc_lang_detect("docs/a.mdx", "", 0), PC_LANG_MARKDOWN);
	assert_int_equal(pc_lang_detect("notebook.ipynb", "", 0), PC_LANG_NOTEBOOK);
	assert_int_equal(pc_lang_detect("package.json", "", 0), PC_LANG_JSON);
	assert_int_equal(pc_lang_detect("ci.yml", "", 0), PC_LANG_HASH);
	assert_int_equal(pc_lang_detect("ci.yaml", "", 0), PC_LANG_HASH);
	assert_int_equal(pc_lang_detect("pyproject.toml", "", 0), PC_LANG_HASH);
	assert_int_equal(pc_lang_detect("run.sh", "", 0), PC_LANG_HASH);
	assert_int_equal(pc_lang_detect("a.rb", "", 0), PC_LANG_HASH);
	assert_int_equal(pc_lang_detect("a.pl", "", 0), PC_LANG_HASH);
	assert_int_equal(pc_lang_detect("a.R", "", 0), PC_LANG_HASH);
	assert_int_equal(pc_lang_detect("doc.rst", "", 0), PC_LANG_PROSE);
	assert_int_equal(pc_lang_detect("doc.adoc", "", 0), PC_LANG_PROSE);
	assert_int_equal(pc_lang_detect("notes.txt", "", 0), PC_LANG_PLAIN);
	assert_int_equal(pc_lang_detect("UPPER.PY", "", 0), PC_LANG_PYTHON);
	assert_int_equal(pc_lang_detect("archive.tar.gz", "", 0), PC_LANG_PLAIN);
	assert_int_equal(pc_lang_detect("trailingdot.", "", 0), PC_LANG_PLAIN);
}

static void test_detect_names(void **state)
{
	(void)state;
	assert_int_equal(pc_lang_detect("Dockerfile", "", 0), PC_LANG_HASH);
	assert_int_equal(pc_lang_detect("deploy/Dockerfile", "", 0), PC_LANG_HASH);
	assert_int_equal(pc_lang_detect("Dockerfile.dev", "", 0), PC_LANG_HASH);
	assert_int_equal(pc_lang_detect("Makefile", "", 0), PC_LANG_HASH);
	assert_int_equal(pc_lang_detect("GNUmakefile", "", 0), PC_LANG_HASH);
	assert_int_equal(pc_lang_detect("Gemfile", "", 0), PC_LANG_HASH);
	assert_int_equal(pc_lang_detect("CMakeLists.txt", "", 0), PC_LANG_HASH);
	assert_int_equal(pc_lang_detect(".bashrc", "", 0), PC_LANG_HASH);
}

static void test_detect_env(void **state)
{
	(void)state;
	assert_int_equal(pc_lang_detect(".env", "", 0), PC_LANG_ENV);
	assert_int_equal(pc_lang_detect("app/.env", "", 0), PC_LANG_ENV);
	assert_int_equal(pc_lang_detect(".env.local", "", 0), PC_LANG_ENV);
	assert_int_equal(pc_lang_detect("prod.env", "", 0), PC_LANG_ENV);
	assert_int_equal(pc_lang_detect("config/staging.env", "", 0), PC_LANG_ENV);
	assert_int_equal(pc_lang_detect(".envrc", "", 0), PC_LANG_HASH);
	assert_int_equal(pc_lang_detect("environment", "", 0), PC_LANG_PLAIN);
}

/* Markup by extension; text for people by path, whatever its format. */
static void test_detect_markup_and_prose_paths(void **state)
{
	static const char *const markup[] = { "site/index.html", "a.htm", "logo.svg", "pom.xml",
		"src/App.vue", "src/routes/+page.svelte", "Info.plist", NULL };
	static const char *const prose[] = { ".github/ISSUE_TEMPLATE/bug.yml",
		".github/ISSUE_TEMPLATE/feature_request.md", ".github/issue_template/x.yaml",
		".github/PULL_REQUEST_TEMPLATE.md", "docs/pull_request_template.md",
		".github/PULL_REQUEST_TEMPLATE/release.md", ".github/DISCUSSION_TEMPLATE/ideas.yml",
		"sitemap.yaml", "docs/sitemap.xml", NULL };
	size_t i;
	(void)state;
	for (i = 0; markup[i]; i++)
		if (pc_lang_detect(markup[i], "", 0) != PC_LANG_MARKUP)
			fail_msg("%s should be markup", markup[i]);
	for (i = 0; prose[i]; i++)
		if (pc_lang_detect(prose[i], "", 0) != PC_LANG_PROSE)
			fail_msg("%s should be prose", prose[i]);
	/* a workflow beside the templates, and names that only look alike */
	assert_int_equal(pc_lang_detect(".github/workflows/ci.yml", "", 0), PC_LANG_HASH);
	assert_int_equal(pc_lang_detect("src/sitemap.py", "", 0), PC_LANG_PYTHON);
	assert_int_equal(pc_lang_detect("sitemap", "", 0), PC_LANG_PLAIN);
	assert_int_equal(pc_lang_detect("my_ISSUE_TEMPLATE/x.yml", "", 0), PC_LANG_HASH);
	assert_int_equal(pc_lang_detect("notllms.txt", "", 0), PC_LANG_PLAIN);
	/* llms.txt is Markdown: its paragraphs are prose, its fenced code code */
	assert_int_equal(pc_lang_detect("llms.txt", "", 0), PC_LANG_MARKDOWN);
	assert_int_equal(pc_lang_detect("docs/llms-full.txt", "", 0), PC_LANG_MARKDOWN);
}

static pc_lang detect_text(const char *path, const char *text)
{
	return pc_lang_detect(path, text, strlen(text));
}

static void test_detect_shebang(void **state)
{
	(void)state;
	assert_int_equal(detect_text("script", "#!/usr/bin/env python3\nprint(1)\n"), PC_LANG_PYTHON);
	assert_int_equal(detect_text("script", "#!/usr/bin/python3.12\n"), PC_LANG_PYTHON);
	assert_int_equal(detect_text("script", "#!/usr/bin/env -S python3 -u\n"), PC_LANG_PYTHON);
	assert_int_equal(detect_text("script", "#!/bin/bash\r\necho hi\r\n"), PC_LANG_HASH);
	assert_int_equal(detect_text("script", "#!/bin/sh"), PC_LANG_HASH);
	assert_int_equal(detect_text("script", "#! /usr/bin/zsh -f\n"), PC_LANG_HASH);
	assert_int_equal(detect_text("tool", "#!/usr/bin/env ruby\n"), PC_LANG_HASH);
	assert_int_equal(detect_text("tool", "#!/usr/bin/perl -w\n"), PC_LANG_HASH);
	assert_int_equal(detect_text("tool", "#!/usr/bin/env node\n"), PC_LANG_CFAMILY);
	assert_int_equal(detect_text("tool", "#!/usr/bin/env LANG=C node\n"), PC_LANG_CFAMILY);
	assert_int_equal(detect_text("tool", "#!/usr/bin/env\n"), PC_LANG_PLAIN);
	assert_int_equal(detect_text("tool", "#!/usr/bin/awk -f\n"), PC_LANG_PLAIN);
	assert_int_equal(detect_text("tool", "#!"), PC_LANG_PLAIN);
	assert_int_equal(detect_text("tool", "echo hi\n"), PC_LANG_PLAIN);
	/* A known extension wins over the #! line. */
	assert_int_equal(detect_text("x.md", "#!/bin/sh\n"), PC_LANG_MARKDOWN);
	assert_int_equal(detect_text(NULL, "#!/bin/sh\n"), PC_LANG_HASH);
	assert_int_equal(pc_lang_detect("tool", NULL, 0), PC_LANG_PLAIN);
}

/* ---- Python ---- */

static void test_python_comment(void **state)
{
	const char *t = "model = \"gpt-4o\"  # was gpt-4\nx = 1\n";
	(void)state;
	CODE(PYTHON, t, "gpt-4o");
	PROSE(PYTHON, t, "# was");
	PROSE(PYTHON, t, "gpt-4\n");
	CODE(PYTHON, t, "x = 1");
}

static void test_python_hash_in_string(void **state)
{
	const char *t = "a = \"x#y\"; m = 'p#q'; n = 'gpt-4'\n";
	(void)state;
	CODE(PYTHON, t, "y\"");
	CODE(PYTHON, t, "q'");
	CODE(PYTHON, t, "gpt-4");
}

static void test_python_escaped_quote(void **state)
{
	const char *t = "a = \"say \\\"#\\\" \" + 'it\\'s #' + m('gpt-4')  # c\n";
	(void)state;
	CODE(PYTHON, t, "gpt-4");
	PROSE(PYTHON, t, "# c");
}

static void test_python_prefixed_strings(void **state)
{
	const char *t = "a = r\"\\d#\" + f'{x}#' + rb\"#\" + Rb'#' + m(\"gpt-4\")\n";
	(void)state;
	CODE(PYTHON, t, "gpt-4");
	/* a prefix is only a prefix at a word start */
	CODE(PYTHON, "bar = 1; far = \"#\" + \"gpt-4\"\n", "gpt-4");
}

static void test_python_docstring(void **state)
{
	const char *t =
		"\"\"\"Module doc: uses gpt-4.\"\"\"\n"
		"def f():\n"
		"    '''Call claude-3\n"
		"    over lines.'''\n"
		"    return \"gpt-4o\"\n"
		"class C:\n"
		"    r\"\"\"raw doc o1-mini\"\"\"\n";
	(void)state;
	PROSE(PYTHON, t, "\"\"\"Module");
	PROSE(PYTHON, t, "gpt-4.");
	PROSE(PYTHON, t, "claude-3");
	PROSE(PYTHON, t, "over lines");
	CODE(PYTHON, t, "gpt-4o");
	PROSE(PYTHON, t, "o1-mini");
}

static void test_python_prompt_is_code(void **state)
{
	(void)state;
	CODE(PYTHON, "PROMPT = \"\"\"Use gpt-4\"\"\"\n", "gpt-4");
	CODE(PYTHON, "run(\"\"\"Use gpt-4\"\"\")\n", "gpt-4");
	CODE(PYTHON, "run(x,\n    \"\"\"Use gpt-4\"\"\")\n", "gpt-4");
	CODE(PYTHON, "p = (\n    \"\"\"Use gpt-4\"\"\"\n)\n", "gpt-4");
	CODE(PYTHON, "p = \\\n    \"\"\"Use gpt-4\"\"\"\n", "gpt-4");
	CODE(PYTHON, "p = \\\r\n    \"\"\"Use gpt-4\"\"\"\r\n", "gpt-4");
}

static void test_python_docstring_after_brackets_close(void **state)
{
	const char *t = "x = f(\n  a)\n\"\"\"gpt-4 doc\"\"\"\ny = [\"gpt-4o\",\n  \"o1\"]\n";
	(void)state;
	PROSE(PYTHON, t, "gpt-4 doc");
	CODE(PYTHON, t, "gpt-4o");
	CODE(PYTHON, t, "o1");
}

static void test_python_triple_string_holds_hash(void **state)
{
	const char *t = "p = \"\"\"\n# Role\nuse gpt-4 # really\n\"\"\"\nq = 1  # gpt-3\n";
	(void)state;
	CODE(PYTHON, t, "# Role");
	CODE(PYTHON, t, "# really");
	PROSE(PYTHON, t, "# gpt-3");
}

static void test_python_one_line_string_statement(void **state)
{
	(void)state;
	PROSE(PYTHON, "def f():\n    \"Return gpt-4.\"\n    pass\n", "gpt-4");
	PROSE(PYTHON, "\"gpt-4\"  # legacy\n", "gpt-4");
	CODE(PYTHON, "\"gpt-4\".upper()\n", "gpt-4");
	CODE(PYTHON, "m = {\n    \"gpt-4\": 1,\n}\n", "gpt-4");
}

static void test_python_unclosed_string(void **state)
{
	const char *t = "a = \"oops # no\nb = 'gpt-4'  # c\n";
	(void)state;
	CODE(PYTHON, t, "# no");
	CODE(PYTHON, t, "gpt-4");
	PROSE(PYTHON, t, "# c");
	/* an unclosed triple-quoted string runs to the end */
	CODE(PYTHON, "x = '''abc\n# gpt-4\n", "# gpt-4");
	PROSE(PYTHON, "'''abc\n# gpt-4\n", "# gpt-4");
}

static void test_python_crlf(void **state)
{
	const char *t = "# gpt-3\r\nm = \"gpt-4\"\r\n\"\"\"doc o1\r\n\"\"\"\r\nn = 'o3'\r\n";
	(void)state;
	PROSE(PYTHON, t, "gpt-3");
	CODE(PYTHON, t, "gpt-4");
	PROSE(PYTHON, t, "o1");
	CODE(PYTHON, t, "o3");
}

/* ---- C family ---- */

static void test_c_line_comment(void **state)
{
	const char *t = "int x = 1; // gpt-4 here\nconst char *m = \"gpt-4o\";\n";
	(void)state;
	PROSE(CFAMILY, t, "// gpt");
	PROSE(CFAMILY, t, "gpt-4 here");
	CODE(CFAMILY, t, "gpt-4o");
}

static void test_c_block_comment_spans_lines(void **state)
{
	const char *t = "/*\n * Uses gpt-4\n * see src/*.c\n */ m(\"o1\"); /* a */ n(\"o3\");\n";
	(void)state;
	PROSE(CFAMILY, t, "gpt-4");
	PROSE(CFAMILY, t, "src/");
	CODE(CFAMILY, t, "o1");
	PROSE(CFAMILY, t, "a */");
	CODE(CFAMILY, t, "o3");
}

static void test_c_unclosed_block_comment(void **state)
{
	(void)state;
	PROSE(CFAMILY, "x(); /* gpt-4\nnever closed \"o1\"\n", "o1");
	PROSE(CFAMILY, "x(); /*", "/*");
	PROSE(CFAMILY, "/*/ gpt-4", "gpt-4");
}

static void test_c_slashes_in_strings(void **state)
{
	const char *t = "u = \"https://api.x.com/v1\"; m = \"gpt-4\"; // gpt-3\n";
	(void)state;
	CODE(CFAMILY, t, "api.x.com");
	CODE(CFAMILY, t, "gpt-4");
	PROSE(CFAMILY, t, "gpt-3");
	CODE(CFAMILY, "s = \"a /* b\"; m = \"gpt-4\";\n", "gpt-4");
	CODE(CFAMILY, "s = \"a\\\" // \"; m = \"gpt-4\";\n", "gpt-4");
}

static void test_c_char_literals(void **state)
{
	(void)state;
	CODE(CFAMILY, "c = '\"'; m = \"gpt-4\";\n", "gpt-4");
	CODE(CFAMILY, "c = '\\''; m = \"gpt-4\";\n", "gpt-4");
	CODE(CFAMILY, "c = '/'; d = '/'; m = \"gpt-4\";\n", "gpt-4");
	PROSE(CFAMILY, "c = '\\\\'; // gpt-4\n", "gpt-4");
	PROSE(CFAMILY, "c = '\xc3\xa9'; // gpt-4\n", "gpt-4");
}

static void test_c_unclosed_string_ends_at_eol(void **state)
{
	const char *t = "s = \"oops // no\nm = 1; // gpt-4\n";
	(void)state;
	CODE(CFAMILY, t, "// no");
	PROSE(CFAMILY, t, "gpt-4");
}

static void test_c_crlf(void **state)
{
	const char *t = "a(); // gpt-3\r\nm(\"gpt-4\");\r\n/* x\r\n o1 */\r\nn('o3');\r\n";
	(void)state;
	PROSE(CFAMILY, t, "gpt-3");
	CODE(CFAMILY, t, "gpt-4");
	PROSE(CFAMILY, t, "o1");
	CODE(CFAMILY, t, "o3");
}

static void test_js_single_quoted_strings(void **state)
{
	const char *t = "fetch('https://api.x.com/v1', {model: 'gpt-4'}); // 'o1'\n";
	(void)state;
	CODE(CFAMILY, t, "gpt-4");
	PROSE(CFAMILY, t, "o1");
	CODE(CFAMILY, "x = obj['#key']; y = 'it\\'s // ok'; m = 'gpt-4';\n", "gpt-4");
	CODE(CFAMILY, "$m = 'gpt-4'; // php\n", "gpt-4");
}

static void test_js_template_literal(void **state)
{
	const char *t = "const p = `\n// not a comment gpt-4\n${x}`; // gpt-3\n";
	(void)state;
	CODE(CFAMILY, t, "gpt-4");
	PROSE(CFAMILY, t, "gpt-3");
}

static void test_js_nested_templates(void **state)
{
	const char *t = "const a = `${urls.map(u => `https://${u}/x`)} ok`; // gpt-3\n"
		"const b = `// gpt-4 ${ {k: 'v'}.k } // o1`;\n"
		"const c = 'o3'; // o4\n";
	(void)state;
	PROSE(CFAMILY, t, "gpt-3");
	CODE(CFAMILY, t, "gpt-4");
	CODE(CFAMILY, t, "o1");
	CODE(CFAMILY, t, "o3");
	PROSE(CFAMILY, t, "o4");
	/* a comment inside ${...} is a comment */
	PROSE(CFAMILY, "x = `a ${f(/* gpt-4 */ 1)} b`;\n", "gpt-4");
	CODE(CFAMILY, "x = `a ${`b ${`c`} // gpt-4`}`;\n", "gpt-4");
}

static void test_js_regex_literal(void **state)
{
	(void)state;
	PROSE(CFAMILY, "const re = /[\"']/g; // gpt-4\n", "gpt-4");
	PROSE(CFAMILY, "if (/https?:\\/\\//.test(u)) x(); // gpt-4\n", "gpt-4");
	CODE(CFAMILY, "const re = /\\/\\//; m(\"gpt-4\");\n", "gpt-4");
	/* division is not a regex */
	PROSE(CFAMILY, "a = b / c / d; // gpt-4\n", "gpt-4");
	PROSE(CFAMILY, "a = (x) / 2; // gpt-4\n", "gpt-4");
}

static void test_go_raw_string(void **state)
{
	const char *t = "var s = `line1\n// not a comment gpt-4\n\"`\nvar m = \"o1\" // gpt-3\n";
	(void)state;
	CODE(CFAMILY, t, "gpt-4");
	CODE(CFAMILY, t, "o1");
	PROSE(CFAMILY, t, "gpt-3");
}

static void test_rust_raw_strings(void **state)
{
	const char *t = "let s = r#\"say \"hi\" // gpt-4\"#; // gpt-3\n";
	(void)state;
	CODE(CFAMILY, t, "gpt-4");
	PROSE(CFAMILY, t, "gpt-3");
	CODE(CFAMILY, "let s = r\"\\\"; m(\"gpt-4\");\n", "gpt-4");
	CODE(CFAMILY, "let s = br##\"a\"# // \"##; m(\"gpt-4\");\n", "gpt-4");
	/* r#ident is a raw identifier, not a string */
	PROSE(CFAMILY, "let r#type = 1; // gpt-4\n", "gpt-4");
}

static void test_rust_lifetimes(void **state)
{
	(void)state;
	PROSE(CFAMILY, "fn f<'a>(x: &'a str) -> &'a str { x } // gpt-4\n", "gpt-4");
	PROSE(CFAMILY, "fn f<'a>(x: &'a str) // don't use gpt-4\n", "gpt-4");
	PROSE(CFAMILY, "fn f<'a>(x: &'a str) -> &'a str // don't use gpt-4\n", "gpt-4");
	CODE(CFAMILY, "const M: &'static str = \"gpt-4\"; // it's\n", "gpt-4");
	PROSE(CFAMILY, "'outer: loop { break 'outer; } // gpt-4\n", "gpt-4");
	CODE(CFAMILY, "fn f<'a>() -> char { 'x' } m(\"gpt-4\")\n", "gpt-4");
	CODE(CFAMILY, "let c = b'\\''; m(\"gpt-4\")\n", "gpt-4");
}

static void test_text_blocks(void **state)
{
	const char *t = "String p = \"\"\"\n  // gpt-4 \"quoted\"\n  \"\"\"; // gpt-3\n";
	(void)state;
	CODE(CFAMILY, t, "gpt-4");
	PROSE(CFAMILY, t, "gpt-3");
}

static void test_csharp_verbatim(void **state)
{
	(void)state;
	PROSE(CFAMILY, "var p = @\"C:\\dir\\\"; // gpt-4\n", "gpt-4");
	CODE(CFAMILY, "var p = @\"say \"\"hi\"\" // \"; m(\"gpt-4\");\n", "gpt-4");
	CODE(CFAMILY, "var p = $@\"{x}\n// gpt-4\n\";\n", "gpt-4");
	CODE(CFAMILY, "var p = @$\"{x}\n// gpt-4\n\";\n", "gpt-4");
}

static void test_cpp_raw_and_digit_separator(void **state)
{
	(void)state;
	CODE(CFAMILY, "auto s = R\"x(a \" // )\" b)x\"; m(\"gpt-4\");\n", "gpt-4");
	CODE(CFAMILY, "auto s = u8R\"(// gpt-4)\";\n", "gpt-4");
	PROSE(CFAMILY, "int n = 1'000'000; // gpt-4\n", "gpt-4");
}

/* ---- # family ---- */

static void test_shell_comments(void **state)
{
	const char *t = "# uses gpt-3\nMODEL=gpt-4 # old: o1\necho a#b o3\n";
	(void)state;
	PROSE(HASH, t, "gpt-3");
	CODE(HASH, t, "gpt-4");
	PROSE(HASH, t, "o1");
	CODE(HASH, t, "o3");
	CODE(HASH, "echo ${#arr[@]} $# gpt-4\n", "gpt-4");
}

static void test_shell_quotes(void **state)
{
	(void)state;
	CODE(HASH, "echo \"a # b\" gpt-4\n", "gpt-4");
	CODE(HASH, "echo 'a # b' gpt-4\n", "gpt-4");
	/* no escapes in '...': the string ends at the second quote */
	PROSE(HASH, "echo 'a\\' # gpt-4\n", "gpt-4");
	CODE(HASH, "echo \"a\\\" # \" gpt-4\n", "gpt-4");
	CODE(HASH, "run --flag='x # y' gpt-4\n", "gpt-4");
	PROSE(HASH, "echo don\\'t # gpt-4\n", "gpt-4");
}

static void test_yaml_hash_rules(void **state)
{
	const char *t = "url: http://x/#frag-gpt-4\nkey: a#o1\nm: gpt-4o # was o3\n";
	(void)state;
	CODE(HASH, t, "frag");
	CODE(HASH, t, "o1");
	CODE(HASH, t, "gpt-4o");
	PROSE(HASH, t, "o3");
	CODE(HASH, "name: \"a # gpt-4\"\n", "gpt-4");
	CODE(HASH, "name: 'a # gpt-4'\n", "gpt-4");
	/* an apostrophe inside a plain scalar is not a quote */
	PROSE(HASH, "desc: it's fine # gpt-4\nm: o1\n", "gpt-4");
	CODE(HASH, "desc: it's fine # gpt-4\nm: o1\n", "o1");
}

static void test_yaml_unclosed_quote_ends_at_eol(void **state)
{
	const char *t = "a: 'open\n# gpt-4\nb: \"open\n# o1\n";
	(void)state;
	PROSE(HASH, t, "gpt-4");
	PROSE(HASH, t, "o1");
}

static void test_toml_multiline_strings(void **state)
{
	const char *t = "p = \"\"\"\n# Role\ngpt-4\n\"\"\"\nq = '''\n# o1\n''' # o3\n";
	(void)state;
	CODE(HASH, t, "# Role");
	CODE(HASH, t, "# o1");
	PROSE(HASH, t, "o3");
	/* an unclosed """ degrades to a one-line string */
	PROSE(HASH, "p = \"\"\"x\n# gpt-4\n", "gpt-4");
}

static void test_ruby_begin_end(void **state)
{
	const char *t = "x = 1\n=begin\nuses gpt-4\n=end\nm = 'o1'\n";
	(void)state;
	PROSE(HASH, t, "gpt-4");
	PROSE(HASH, t, "=end");
	CODE(HASH, t, "o1");
	PROSE(HASH, "=begin\r\ngpt-4\r\n=end\r\nm = 'o1'\r\n", "gpt-4");
	CODE(HASH, "=begin\r\ngpt-4\r\n=end\r\nm = 'o1'\r\n", "o1");
	PROSE(HASH, "=begin\ngpt-4 never ends\n", "gpt-4");
	CODE(HASH, "x =begin\ngpt-4\n", "gpt-4");
	CODE(HASH, "=beginning\ngpt-4\n", "gpt-4");
}

static void test_perl_pod(void **state)
{
	const char *t = "my $m = 'o1';\n=head1 NAME\n\ngpt-4\n\n=cut\nmy $n = 'o3';\n";
	(void)state;
	CODE(HASH, t, "o1");
	PROSE(HASH, t, "gpt-4");
	CODE(HASH, t, "o3");
}

static void test_dockerfile_and_makefile(void **state)
{
	const char *d = "# syntax=docker/dockerfile:1\nFROM x\nENV MODEL=gpt-4 \\\n  OTHER=o1\n";
	const char *m = "all:\n\t@echo \"#\" gpt-4 # o1\n";
	(void)state;
	PROSE(HASH, d, "syntax");
	CODE(HASH, d, "gpt-4");
	CODE(HASH, d, "o1");
	CODE(HASH, m, "gpt-4");
	PROSE(HASH, m, "o1");
}

static void test_hash_crlf(void **state)
{
	const char *t = "# gpt-3\r\nm: gpt-4\r\nn: 'a' # o1\r\no: o3\r\n";
	(void)state;
	PROSE(HASH, t, "gpt-3");
	CODE(HASH, t, "gpt-4");
	PROSE(HASH, t, "o1");
	CODE(HASH, t, "o3");
}

static void test_env_files(void **state)
{
	const char *t = "# default gpt-3\nMODEL=gpt-4\nA=a#o1\nB=b # o3\nC=\"c # gpt-4o\"\n  # indented o4\n";
	(void)state;
	PROSE(ENV, t, "gpt-3");
	CODE(ENV, t, "gpt-4\n");
	CODE(ENV, t, "o1");
	PROSE(ENV, t, "o3");
	CODE(ENV, t, "gpt-4o");
	PROSE(ENV, t, "o4");
}

/* ---- Markdown ---- */

static void test_markdown_fences(void **state)
{
	const char *t =
		"Use gpt-3 for this.\n"
		"```python\n"
		"m = \"gpt-4\"\n"
		"```\n"
		"Then o1.\n"
		"~~~\n"
		"x = o3\n"
		"~~~\n"
		"After o4.\n";
	(void)state;
	PROSE(MARKDOWN, t, "gpt-3");
	PROSE(MARKDOWN, t, "```python");
	CODE(MARKDOWN, t, "gpt-4");
	PROSE(MARKDOWN, t, "```\nThen");
	PROSE(MARKDOWN, t, "o1");
	PROSE(MARKDOWN, t, "~~~\nx");
	CODE(MARKDOWN, t, "o3");
	PROSE(MARKDOWN, t, "o4");
}

/* A fenced block is code of its language: its comments are prose. */
static void test_markdown_fence_languages(void **state)
{
	const char *t =
		"```python\n"
		"# talks to gpt-3\n"
		"m = \"gpt-4\"  # not o1\n"
		"```\n"
		"```ts\n"
		"// uses o3 here\n"
		"const m = \"o4\";\n"
		"```\n"
		"~~~ bash {.line-numbers}\n"
		"llm -m gpt-4o  # gpt-4o-mini\n"
		"~~~\n"
		"```mermaid\n"
		"# gpt-4.1 in an unknown language is code\n"
		"```\n"
		"```yaml\n"
		"model: gpt-5 # or gpt-5-mini\n";
	(void)state;
	PROSE(MARKDOWN, t, "gpt-3");
	CODE(MARKDOWN, t, "gpt-4\"");
	PROSE(MARKDOWN, t, "o1");
	PROSE(MARKDOWN, t, "o3");
	CODE(MARKDOWN, t, "o4");
	CODE(MARKDOWN, t, "gpt-4o ");
	PROSE(MARKDOWN, t, "gpt-4o-mini");
	CODE(MARKDOWN, t, "gpt-4.1");
	CODE(MARKDOWN, t, "gpt-5 ");
	PROSE(MARKDOWN, t, "gpt-5-mini"); /* an unclosed fence runs to the end */
}

static void test_markdown_fence_closing_rules(void **state)
{
	/* a shorter run, the other fence char, or an info string do not close */
	const char *t = "````\n```\ngpt-4\n~~~\no1\n``` x\no3\n````\nprose o4\n";
	(void)state;
	CODE(MARKDOWN, t, "```\ngpt");
	CODE(MARKDOWN, t, "gpt-4");
	CODE(MARKDOWN, t, "o1");
	CODE(MARKDOWN, t, "o3");
	PROSE(MARKDOWN, t, "o4");
	/* ```x``` on one line is inline code, not a fence */
	PROSE(MARKDOWN, "```gpt-4```\ntext o1\n", "o1");
}

static void test_markdown_unclosed_fence(void **state)
{
	const char *t = "text gpt-3\n```\nm = gpt-4\nmore o1";
	(void)state;
	PROSE(MARKDOWN, t, "gpt-3");
	CODE(MARKDOWN, t, "gpt-4");
	CODE(MARKDOWN, t, "o1");
}

static void test_markdown_misc(void **state)
{
	const char *t = "a o1\r\n```\r\ngpt-4\r\n```  \r\nb o3\r\n";
	(void)state;
	PROSE(MARKDOWN, "<!-- gpt-4 -->\n", "gpt-4");
	PROSE(MARKDOWN, "Inline `gpt-4` code.\n", "gpt-4");
	PROSE(MARKDOWN, "    indented gpt-4\n", "gpt-4");
	CODE(MARKDOWN, "- item\n    ```sh\n    run gpt-4\n    ```\n", "gpt-4");
	CODE(MARKDOWN, "> ```\n> gpt-4\n> ```\n", "gpt-4");
	PROSE(MARKDOWN, t, "o1");
	CODE(MARKDOWN, t, "gpt-4");
	PROSE(MARKDOWN, t, "o3");
}


/* What a terminal printed, and text or output blocks, are prose; the
 * commands are code, and their comments prose. */
static void test_markdown_output_blocks(void **state)
{
	const char *t =
		"```text\n"
		"Answer from gpt-4o here\n"
		"```\n"
		"~~~output\n"
		"model: o1\n"
		"~~~\n"
		"```console\n"
		"$ llm -m gpt-4.1 'hi'  # uses gpt-4.1-mini for titles\n"
		"Chatting with gpt-4.1-nano\n"
		"$ ollama run llama3 \\\n"
		"    --verbose gpt-5\n"
		"o4-mini\n"
		"```\n";
	(void)state;
	PROSE(MARKDOWN, t, "gpt-4o");
	PROSE(MARKDOWN, t, "o1");
	PROSE(MARKDOWN, t, "$ llm");
	CODE(MARKDOWN, t, "llm -m");
	CODE(MARKDOWN, t, "gpt-4.1 '");
	PROSE(MARKDOWN, t, "gpt-4.1-mini");
	PROSE(MARKDOWN, t, "gpt-4.1-nano");
	CODE(MARKDOWN, t, "llama3");
	CODE(MARKDOWN, t, "gpt-5"); /* a continued command */
	PROSE(MARKDOWN, t, "o4-mini");
}

/* A shell block with prompts is a session; one without is all commands,
 * but a table a CLI drew with box characters is its output. */
static void test_markdown_shell_blocks(void **state)
{
	const char *prompts =
		"```bash\n"
		"$ aider --model o3-mini\n"
		"Aider v1 with o3 model\n"
		"```\n";
	const char *plain =
		"```sh\n"
		"# pick gpt-4o-mini for speed\n"
		"llm -m gpt-4o 'hi'\n"
		"\xe2\x94\x82 default: gpt-3.5-turbo \xe2\x94\x82\n"
		"  \xe2\x95\xad\xe2\x94\x80 o1-mini\n"
		"export MODEL=o3\n"
		"```\n";
	(void)state;
	CODE(MARKDOWN, prompts, "o3-mini");
	PROSE(MARKDOWN, prompts, "o3 model");
	PROSE(MARKDOWN, plain, "gpt-4o-mini");
	CODE(MARKDOWN, plain, "gpt-4o '");
	PROSE(MARKDOWN, plain, "gpt-3.5-turbo");
	PROSE(MARKDOWN, plain, "o1-mini");
	CODE(MARKDOWN, plain, "o3\n");
	/* `$VAR` is no prompt */
	CODE(MARKDOWN, "```bash\n$MODEL_CMD gpt-4o\nrun o1\n```\n", "o1");
}

/* An untagged block is code, unless it shows the output of the shell block
 * just before it or lies in a region cog generated; a tagged block there
 * stays code. */
static void test_markdown_untagged_output(void **state)
{
	const char *after_shell =
		"```bash\n"
		"llm chat -m gpt-4o\n"
		"```\n"
		"\n"
		"<!-- output -->\n"
		"```\n"
		"Chatting with gpt-4o-mini\n"
		"```\n"
		"Then write:\n"
		"```\n"
		"model: o1-mini\n"
		"```\n";
	const char *cog =
		"<!-- [[[cog\n"
		"cog.out(run(['models']))\n"
		"]]] -->\n"
		"```\n"
		"OpenAI Chat: gpt-4.1 (aliases: 4.1)\n"
		"```\n"
		"```yaml\n"
		"model: o3-mini\n"
		"```\n"
		"<!-- [[[end]]] -->\n"
		"```\n"
		"model: gpt-5\n"
		"```\n";
	(void)state;
	CODE(MARKDOWN, after_shell, "gpt-4o\n");
	PROSE(MARKDOWN, after_shell, "gpt-4o-mini");
	CODE(MARKDOWN, after_shell, "o1-mini"); /* prose between: not output */
	PROSE(MARKDOWN, cog, "gpt-4.1");
	CODE(MARKDOWN, cog, "o3-mini");
	CODE(MARKDOWN, cog, "gpt-5");
}

/* A block that a line such as "Example output:" introduces shows what a
 * program printed, whatever its tag; a shell block there, and a block
 * after other text, stay code. */
static void test_markdown_introduced_output(void **state)
{
	const char *t =
		"Example output:\n"
		"```yaml\n"
		"- model: o3-mini\n"
		"```\n"
		"The command prints:\n"
		"\n"
		"```json\n"
		"{\"model\": \"gpt-4o-mini\"}\n"
		"```\n"
		"Configure it:\n"
		"```yaml\n"
		"model: gpt-4.1\n"
		"```\n"
		"To see the output:\n"
		"```bash\n"
		"llm -m gpt-5 hello\n"
		"```\n"
		"```yaml\n"
		"model: o1-mini\n"
		"```\n"
		"See throughput:\n"
		"```yaml\n"
		"model: o4-mini\n"
		"```\n";
	(void)state;
	PROSE(MARKDOWN, t, "o3-mini");
	PROSE(MARKDOWN, t, "gpt-4o-mini");
	CODE(MARKDOWN, t, "gpt-4.1");
	CODE(MARKDOWN, t, "gpt-5");
	CODE(MARKDOWN, t, "o1-mini"); /* the fence closed: no intro before it */
	CODE(MARKDOWN, t, "o4-mini");
}

/* An HTML comment is prose, with any fence in it. */
static void test_markdown_html_comment(void **state)
{
	const char *t =
		"<!--\n"
		"```python\n"
		"m = \"gpt-4o\"\n"
		"```\n"
		"-->\n"
		"```python\n"
		"m = \"o1\"\n"
		"```\n"
		"Text `<!--` inline\n"
		"```python\n"
		"m = \"o3\"\n"
		"```\n";
	(void)state;
	PROSE(MARKDOWN, t, "gpt-4o");
	CODE(MARKDOWN, t, "o1");
	CODE(MARKDOWN, t, "o3"); /* an inline <!-- opens no comment */
	PROSE(MARKDOWN, "<!-- gpt-4 -->\n```\nx o1\n```\n", "gpt-4");
	CODE(MARKDOWN, "<!-- gpt-4 -->\n```\nx o1\n```\n", "o1");
}

/* ---- markup ---- */

static void test_markup_text_and_comments(void **state)
{
	const char *t =
		"<!DOCTYPE html>\n<html><body>\n"
		"<h1 title=\"Runs on gpt-4o\">Try o1 today</h1>\n"
		"<!-- was gpt-4 -->\n"
		"<p>Compare <b>o3</b> and o4-mini.</p>\n"
		"<![CDATA[ gpt-5 ]]>\n"
		"<img alt=gpt-4.1 src='gpt-4.1-mini.png'/>\n"
		"</body></html>\n";
	(void)state;
	CODE(MARKUP, t, "<h1");
	PROSE(MARKUP, t, "gpt-4o");
	PROSE(MARKUP, t, "o1 today");
	PROSE(MARKUP, t, "gpt-4 ");
	PROSE(MARKUP, t, "o3");
	PROSE(MARKUP, t, "o4-mini");
	PROSE(MARKUP, t, "gpt-5");
	PROSE(MARKUP, t, "gpt-4.1 ");
	PROSE(MARKUP, t, "gpt-4.1-mini");
	CODE(MARKUP, t, "</body>");
}

/* <script> is JavaScript/TypeScript (comments prose); <style> is no code. */
static void test_markup_script_and_style(void **state)
{
	const char *t =
		"<script src=\"x.js\"></script>\n"
		"<script type=\"module\">\n"
		"  // default was gpt-4\n"
		"  const model = 'gpt-4o';\n"
		"  if (a < b) call(\"o1\");\n"
		"</SCRIPT>\n"
		"<style>.o3-mini { color: red }</style>\n"
		"<p>after o4</p>\n"
		"<template><script setup lang=\"ts\">const m = \"gpt-5\"</script></template>\n";
	(void)state;
	PROSE(MARKUP, t, "gpt-4\n");
	CODE(MARKUP, t, "gpt-4o");
	CODE(MARKUP, t, "o1");
	PROSE(MARKUP, t, "o3-mini");
	PROSE(MARKUP, t, "o4");
	CODE(MARKUP, t, "gpt-5");
	CODE(MARKUP, "<script>\nlet m = 'gpt-4o'\n", "gpt-4o"); /* unclosed */
}

/* A value is prose unless its attribute selects a model or is code. */
static void test_markup_attributes(void **state)
{
	const char *t =
		"<div data-model=\"gpt-4o\" title=\"gpt-4o-mini\"></div>\n"
		"<select name=\"model\"><option value=\"o1\" selected>o1-mini</option></select>\n"
		"<input type=\"hidden\" value=\"o3\" name=\"model\">\n"
		"<input value=\"o3-mini\" name=\"q\">\n"
		"<Chat :model=\"'gpt-4.1'\" @pick=\"use('gpt-4.1-mini')\" v-if=\"m == 'gpt-4.1-nano'\""
		" label=\"gpt-5\"/>\n"
		"<Chat model={\"gpt-5-mini\"} hint='gpt-5-nano' />\n";
	(void)state;
	CODE(MARKUP, t, "gpt-4o\"");
	PROSE(MARKUP, t, "gpt-4o-mini");
	PROSE(MARKUP, t, "o1\"");
	PROSE(MARKUP, t, "o1-mini");
	CODE(MARKUP, t, "o3\"");
	PROSE(MARKUP, t, "o3-mini");
	CODE(MARKUP, t, "gpt-4.1'");
	CODE(MARKUP, t, "gpt-4.1-mini");
	CODE(MARKUP, t, "gpt-4.1-nano");
	PROSE(MARKUP, t, "gpt-5\"");
	CODE(MARKUP, t, "gpt-5-mini");
	PROSE(MARKUP, t, "gpt-5-nano");
}

/* A code block whose class names a language is code of that language; an
 * element named after a model holds a config value. */
static void test_markup_code_blocks_and_model_elements(void **state)
{
	const char *t =
		"<pre><code class=\"hljs language-bash\"># o1-mini is cheap\n"
		"aider --model o1\n</code></pre>\n"
		"<pre class=\"lang-py\">m = \"o3\"  # not o3-mini</pre>\n"
		"<code>gpt-4o inline</code>\n"
		"<code class=\"language-html\">&lt;b&gt;gpt-4o-mini</code>\n"
		"<config><model>gpt-4.1</model><name>gpt-4.1-mini</name></config>\n";
	(void)state;
	PROSE(MARKUP, t, "o1-mini");
	CODE(MARKUP, t, "o1\n");
	CODE(MARKUP, t, "o3\"");
	PROSE(MARKUP, t, "o3-mini");
	PROSE(MARKUP, t, "gpt-4o inline");
	PROSE(MARKUP, t, "gpt-4o-mini");
	CODE(MARKUP, t, "gpt-4.1<");
	PROSE(MARKUP, t, "gpt-4.1-mini");
}

/* Broken markup degrades: an unclosed tag, quote or comment runs to the end. */
static void test_markup_broken(void **state)
{
	(void)state;
	PROSE(MARKUP, "<!-- gpt-4o", "gpt-4o");
	PROSE(MARKUP, "<a title=\"gpt-4o", "gpt-4o");
	CODE(MARKUP, "<a data-model='gpt-4o", "gpt-4o");
	PROSE(MARKUP, "a < b gpt-4o <", "gpt-4o");
	CODE(MARKUP, "<x model={{'gpt-4o'", "gpt-4o");
	PROSE(MARKUP, "<pre class=\"language-bash\"># gpt-4o", "gpt-4o");
	PROSE(MARKUP, "<", "<");
}

/* ---- notebooks ---- */

static const char nb_basic[] =
	"{\n"
	" \"cells\": [\n"
	"  {\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": [\"# Use gpt-3\\n\", \"text\"]},\n"
	"  {\"cell_type\": \"code\", \"execution_count\": 1, \"metadata\": {\"m\": \"meta-o1\"},\n"
	"   \"outputs\": [{\"output_type\": \"stream\", \"text\": [\"out-o3\\n\"]}],\n"
	"   \"source\": [\"m = \\\"gpt-4\\\"  # was gpt-35\\n\", \"n = 'o4'\"]},\n"
	"  {\"cell_type\": \"raw\", \"metadata\": {}, \"source\": [\"raw-o5\"]}\n"
	" ],\n"
	" \"metadata\": {\"kernelspec\": {\"name\": \"python3\"}},\n"
	" \"nbformat\": 4, \"nbformat_minor\": 5\n"
	"}\n";

static void test_notebook_cells(void **state)
{
	(void)state;
	PROSE(NOTEBOOK, nb_basic, "gpt-3");
	PROSE(NOTEBOOK, nb_basic, "meta-o1");
	PROSE(NOTEBOOK, nb_basic, "out-o3");
	CODE(NOTEBOOK, nb_basic, "m = ");
	CODE(NOTEBOOK, nb_basic, "gpt-4");
	PROSE(NOTEBOOK, nb_basic, "# was");
	PROSE(NOTEBOOK, nb_basic, "gpt-35");
	CODE(NOTEBOOK, nb_basic, "o4");
	PROSE(NOTEBOOK, nb_basic, "raw-o5");
	PROSE(NOTEBOOK, nb_basic, "python3");
}

static void test_notebook_cell_type_after_source(void **state)
{
	const char *t = "{\"cells\": [{\"source\": [\"m = 'gpt-4'\"], \"outputs\": [], \"cell_type\": \"code\"},"
		"{\"source\": \"x o1\", \"cell_type\": \"markdown\"}]}";
	(void)state;
	CODE(NOTEBOOK, t, "gpt-4");
	PROSE(NOTEBOOK, t, "o1");
}

static void test_notebook_source_single_string(void **state)
{
	const char *t = "{\"cells\": [{\"cell_type\": \"code\", \"source\": "
		"\"a = 1  # gpt-3\\nm = \\\"gpt-4\\\"\\n# o1\\nn = 'o3'\"}]}";
	(void)state;
	PROSE(NOTEBOOK, t, "gpt-3");
	CODE(NOTEBOOK, t, "gpt-4");
	PROSE(NOTEBOOK, t, "o1");
	CODE(NOTEBOOK, t, "o3");
}

static void test_notebook_hash_in_python_string(void **state)
{
	const char *t = "{\"cells\": [{\"cell_type\": \"code\", \"source\": ["
		"\"u = \\\"http://x/#frag\\\" + 'a#b' + m('gpt-4') # o1\\n\"]}]}";
	(void)state;
	CODE(NOTEBOOK, t, "frag");
	CODE(NOTEBOOK, t, "gpt-4");
	PROSE(NOTEBOOK, t, "o1");
	/* an escaped quote inside the Python string */
	CODE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"s = 'it\\\\'s # x'; m('gpt-4')\"]}]}", "gpt-4");
}

static void test_notebook_triple_string_across_elements(void **state)
{
	const char *t = "{\"cells\": [{\"cell_type\": \"code\", \"source\": ["
		"\"p = \\\"\\\"\\\"\\n\", \"# Role: gpt-4\\n\", \"\\\"\\\"\\\"\\n\", \"x = 1 # o1\"]}]}";
	(void)state;
	CODE(NOTEBOOK, t, "gpt-4");
	PROSE(NOTEBOOK, t, "o1");
}

static void test_notebook_nbformat3(void **state)
{
	const char *t = "{\"worksheets\": [{\"cells\": [{\"cell_type\": \"code\", \"input\": [\"m('gpt-4')\"],"
		" \"outputs\": [{\"text\": [\"o1\"]}]}]}]}";
	(void)state;
	CODE(NOTEBOOK, t, "gpt-4");
	PROSE(NOTEBOOK, t, "o1");
}

static void test_notebook_crlf(void **state)
{
	const char *t = "{\r\n \"cells\": [\r\n  {\r\n   \"cell_type\": \"code\",\r\n"
		"   \"source\": [\r\n    \"m('gpt-4') # o1\\r\\n\",\r\n    \"n('o3')\"\r\n   ]\r\n  }\r\n ]\r\n}\r\n";
	(void)state;
	CODE(NOTEBOOK, t, "gpt-4");
	PROSE(NOTEBOOK, t, "o1");
	CODE(NOTEBOOK, t, "o3");
}

static void test_notebook_malformed(void **state)
{
	(void)state;
	/* truncated mid-source: the cell is still decided at the end */
	CODE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"m('gpt-4')\", \"x", "gpt-4");
	/* unbalanced closers and a broken string */
	PROSE(NOTEBOOK, "]]}}{\"cells\": [\"gpt-4\n]}", "gpt-4");
	PROSE(NOTEBOOK, "not json at all gpt-4", "gpt-4");
	CODE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"a\\", "a\\");
}

static void test_notebook_deep_nesting(void **state)
{
	size_t depth = 100000, i, n = 0;
	const char *cell = "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"m('gpt-4')\"]}]}";
	size_t cl = strlen(cell);
	char *t = malloc(2 * depth + 2 * cl + 64);
	unsigned char *mask;
	(void)state;
	assert_non_null(t);
	for (i = 0; i < depth; i++)
		t[n++] = i % 2 ? '[' : '{';
	memcpy(t + n, cell, cl);
	n += cl;
	for (i = depth; i-- > 0;)
		t[n++] = i % 2 ? ']' : '}';
	/* after the deep part closes, a normal notebook body is lexed again */
	memcpy(t + n, cell, cl);
	n += cl;
	mask = lex_n(PC_LANG_NOTEBOOK, t, n);
	assert_int_equal(mask[2 * depth + (strstr(cell, "gpt-4") - cell)], 1);
	assert_int_equal(mask[2 * depth + cl + (strstr(cell, "gpt-4") - cell)], 0);
	free(mask);
	free(t);
}

/* Jupyter reads the notebook as JSON: an escape is the character it spells,
 * in keys, in cell_type values and in the Python of a source string. */
static void test_notebook_escaped_cell_type(void **state)
{
	(void)state;
	CODE(NOTEBOOK, "{\"cells\": [{\"cell_typ\\u0065\": \"code\", \"source\": [\"m('gpt-4')\"]}]}", "gpt-4");
	CODE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"cod\\u0065\", \"source\": [\"m('gpt-4')\"]}]}", "gpt-4");
	CODE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"\\u0063\\u006F\\u0064\\u0065\", \"source\": [\"m('gpt-4')\"]}]}", "gpt-4");
	/* "code" spelled with a stray escape is not code: Jupyter sees "co\de" fail */
	PROSE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"cod\\u0065x\", \"source\": [\"m('gpt-4')\"]}]}", "gpt-4");
}

static void test_notebook_escaped_keys(void **state)
{
	(void)state;
	CODE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"code\", \"sourc\\u0065\": [\"m('gpt-4')\"]}]}", "gpt-4");
	CODE(NOTEBOOK, "{\"cell\\u0073\": [{\"cell_type\": \"code\", \"source\": [\"m('gpt-4')\"]}]}", "gpt-4");
	CODE(NOTEBOOK, "{\"\\u0063ells\": [{\"cell\\u005ftype\": \"code\", \"\\u0073ource\": \"m('gpt-4')\"}]}", "gpt-4");
	CODE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"code\", \"inpu\\u0074\": [\"m('gpt-4')\"]}]}", "gpt-4");
	/* \/ is a plain '/' and changes no key; an unknown key stays prose */
	PROSE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"code\", \"sourc\\/e\": [\"m('gpt-4')\"]}]}", "gpt-4");
}

static void test_notebook_escaped_python(void **state)
{
	(void)state;
	/* \u0022 opens a Python string: the '#' inside it is no comment */
	CODE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"m(\\u0022#\\u0022, 'gpt-4')\"]}]}", "gpt-4");
	CODE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"s = \\u0022# x\\u0022; m = 'gpt-4'\"]}]}", "gpt-4");
	/* \u0023 is a '#': a comment */
	PROSE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"x = 1 \\u0023 gpt-4\"]}]}", "gpt-4");
	/* a decoded newline (\u000a, \r) ends a comment in a one-string source */
	CODE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"code\", \"source\": \"# a\\u000am('gpt-4')\"}]}", "gpt-4");
	CODE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"code\", \"source\": \"# a\\rm('gpt-4')\"}]}", "gpt-4");
	/* a surrogate pair is one character; what follows is still lexed */
	CODE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"e = '\\ud83d\\ude00'; m('gpt-4')\"]}]}", "gpt-4");
	/* the id itself written with escapes lies in code, not prose */
	CODE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"m('gpt-4\\u006f')\"]}]}", "gpt-4");
	CODE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"m('gpt-4\\u006f')\"]}]}", "\\u006f");
}

static void test_notebook_broken_escapes(void **state)
{
	(void)state;
	/* truncated \u and surrogate halves at the end of the file or string */
	CODE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"m('gpt-4') \\u12\"]}]}", "gpt-4");
	CODE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"m('gpt-4') \\ud83d\\u\"]}]}", "gpt-4");
	CODE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"m('gpt-4') \\ud83d\"]}]}", "gpt-4");
	CODE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"m('gpt-4')\\ud83d\\", "gpt-4");
	PROSE(NOTEBOOK, "{\"cells\": [{\"cell_type\": \"\\u00", "cell_type");
	PROSE(NOTEBOOK, "{\"cells\": [{\"cell_typ\\u006", "cell_typ");
}

/* ---- whole-file families and hostile input ---- */

/* A Markdown cell is lexed as Markdown: its fenced blocks are code. */
static void test_notebook_markdown_fences(void **state)
{
	const char *t =
		"{\"cells\": [{\"cell_type\": \"markdown\", \"source\": [\"Try gpt-4o:\\n\",\n"
		"  \"```python\\n\", \"m = \\\"o1\\\"  # or o1-mini\\n\", \"```\\n\",\n"
		"  \"```\\n\", \"$ llm -m o3\\n\", \"Chatting with o3-mini\\n\", \"```\\n\", \"after gpt-5\"]},\n"
		" {\"cell_type\": \"raw\", \"source\": [\"```python\\n\", \"m = 'gpt-4.1'\\n\", \"```\"]},\n"
		" {\"cell_type\": \"markdown\", \"source\": \"```py\\nx = \\u0022gpt-5-mini\\u0022\\n```\"}]}";
	(void)state;
	PROSE(NOTEBOOK, t, "gpt-4o");
	CODE(NOTEBOOK, t, "o1\\\"");
	PROSE(NOTEBOOK, t, "o1-mini");
	CODE(NOTEBOOK, t, "o3\\n");
	PROSE(NOTEBOOK, t, "o3-mini");
	PROSE(NOTEBOOK, t, "gpt-5\"");
	PROSE(NOTEBOOK, t, "gpt-4.1"); /* a raw cell stays prose */
	CODE(NOTEBOOK, t, "gpt-5-mini");
}

static void test_json_plain_prose(void **state)
{
	(void)state;
	CODE(JSON, "{\"comment\": \"# gpt-4\", \"x\": \"// o1\"}", "gpt-4");
	CODE(JSON, "{\"comment\": \"# gpt-4\", \"x\": \"// o1\"}", "o1");
	CODE(PLAIN, "# gpt-4\n// o1\n", "gpt-4");
	CODE(PLAIN, "# gpt-4\n// o1\n", "o1");
	PROSE(PROSE, "Use ``gpt-4``.\n.. code:: python\n", "gpt-4");
}

static const pc_lang all_langs[] = {
	PC_LANG_PLAIN, PC_LANG_HASH, PC_LANG_PYTHON, PC_LANG_CFAMILY, PC_LANG_MARKDOWN,
	PC_LANG_NOTEBOOK, PC_LANG_JSON, PC_LANG_ENV, PC_LANG_PROSE, PC_LANG_MARKUP, (pc_lang)42,
};
#define N_LANGS (sizeof(all_langs) / sizeof(all_langs[0]))

static void test_empty_input(void **state)
{
	unsigned char m = 7;
	size_t k;
	(void)state;
	for (k = 0; k < N_LANGS; k++) {
		pc_lex_prose(&m, all_langs[k], "", 0);
		assert_int_equal(m, 7);
		free(lex_n(all_langs[k], "", 0));
		pc_lex_prose(NULL, all_langs[k], "x", 1);
	}
	pc_lex_prose(&m, PC_LANG_PYTHON, NULL, 1);
	assert_int_equal(m, 0);
	assert_int_equal(pc_lang_detect("", "", 0), PC_LANG_PLAIN);
}

static void test_nul_and_invalid_utf8(void **state)
{
	static const char t[] = "a\0# x\xff\xfe\"\0'\xc3(\n/\0/ \xe2\x82 `\0\"\"\"\0\x80#gpt-4\n";
	size_t k;
	unsigned char *m;
	(void)state;
	for (k = 0; k < N_LANGS; k++)
		free(lex_n(all_langs[k], t, sizeof(t) - 1));
	/* a NUL does not end a comment or a string */
	m = lex_n(PC_LANG_CFAMILY, "// a\0b gpt-4\nx", 14);
	assert_int_equal(m[7], 1);
	assert_int_equal(m[13], 0);
	free(m);
	m = lex_n(PC_LANG_PYTHON, "s = \"\0#\" # x", 12);
	assert_int_equal(m[6], 0);
	assert_int_equal(m[9], 1);
	free(m);
}

/* Every prefix of a tricky text, in every family: no read past the end. */
static void test_all_prefixes(void **state)
{
	static const char t[] =
		"#!/bin/sh\n=begin\n=end\n'''\"\"\"r#\"x\"#R\"d(x)d\"@\"\"\"`/*x*/'a'\\'/[/]/\n"
		"```\n~~~\n{\"cells\":[{\"cell_type\":\"code\",\"source\":[\"'''#\\\"\\u0023\\\\\"]}]}\n";
	size_t k, n;
	(void)state;
	for (k = 0; k < N_LANGS; k++)
		for (n = 0; n <= sizeof(t) - 1; n++)
			free(lex_n(all_langs[k], t, n));
}

/* Random bytes from an alphabet of the characters lexers care about. */
static void test_random_input(void **state)
{
	static const char alpha[] = "\"'`#/*\\\n\r{}[],:=@$rRbu8L() \t\0\xff\xc3x-~>!;";
	unsigned long seed = 12345;
	size_t round, k, i;
	char buf[512];
	(void)state;
	for (round = 0; round < 400; round++) {
		size_t n = round % sizeof(buf);
		for (i = 0; i < n; i++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			buf[i] = alpha[(seed >> 33) % (sizeof(alpha) - 1)];
		}
		for (k = 0; k < N_LANGS; k++)
			free(lex_n(all_langs[k], buf, n));
	}
}

/* Patterns that would make a naive look-ahead quadratic: must stay fast. */
static void test_linear_time(void **state)
{
	static const char *const unit[] = { "'a ", "\\' ", "(/ ", "(/\\/", "(/[", "'''x",
		"\"\"\"\\", "=begin ", "```\n", "[{", "<a b='", "<a {", "<!--", "<script>",
		"<pre class=language-sh>", "```console\n$ x \\\n", "<!--\n```\n", "[[[cog ]]]\n```\n",
		"\xe2\x94\x82\n" };
	size_t n = 1 << 20, u, k, i;
	char *buf = malloc(n);
	(void)state;
	assert_non_null(buf);
	for (u = 0; u < sizeof(unit) / sizeof(unit[0]); u++) {
		size_t ul = strlen(unit[u]);
		for (i = 0; i < n; i++)
			buf[i] = unit[u][i % ul];
		for (k = 0; k < N_LANGS; k++)
			free(lex_n(all_langs[k], buf, n));
	}
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect_extensions),
		cmocka_unit_test(test_detect_names),
		cmocka_unit_test(test_detect_env),
		cmocka_unit_test(test_detect_markup_and_prose_paths),
		cmocka_unit_test(test_detect_shebang),
		cmocka_unit_test(test_python_comment),
		cmocka_unit_test(test_python_hash_in_string),
		cmocka_unit_test(test_python_escaped_quote),
		cmocka_unit_test(test_python_prefixed_strings),
		cmocka_unit_test(test_python_docstring),
		cmocka_unit_test(test_python_prompt_is_code),
		cmocka_unit_test(test_python_docstring_after_brackets_close),
		cmocka_unit_test(test_python_triple_string_holds_hash),
		cmocka_unit_test(test_python_one_line_string_statement),
		cmocka_unit_test(test_python_unclosed_string),
		cmocka_unit_test(test_python_crlf),
		cmocka_unit_test(test_c_line_comment),
		cmocka_unit_test(test_c_block_comment_spans_lines),
		cmocka_unit_test(test_c_unclosed_block_comment),
		cmocka_unit_test(test_c_slashes_in_strings),
		cmocka_unit_test(test_c_char_literals),
		cmocka_unit_test(test_c_unclosed_string_ends_at_eol),
		cmocka_unit_test(test_c_crlf),
		cmocka_unit_test(test_js_single_quoted_strings),
		cmocka_unit_test(test_js_template_literal),
		cmocka_unit_test(test_js_nested_templates),
		cmocka_unit_test(test_js_regex_literal),
		cmocka_unit_test(test_go_raw_string),
		cmocka_unit_test(test_rust_raw_strings),
		cmocka_unit_test(test_rust_lifetimes),
		cmocka_unit_test(test_text_blocks),
		cmocka_unit_test(test_csharp_verbatim),
		cmocka_unit_test(test_cpp_raw_and_digit_separator),
		cmocka_unit_test(test_shell_comments),
		cmocka_unit_test(test_shell_quotes),
		cmocka_unit_test(test_yaml_hash_rules),
		cmocka_unit_test(test_yaml_unclosed_quote_ends_at_eol),
		cmocka_unit_test(test_toml_multiline_strings),
		cmocka_unit_test(test_ruby_begin_end),
		cmocka_unit_test(test_perl_pod),
		cmocka_unit_test(test_dockerfile_and_makefile),
		cmocka_unit_test(test_hash_crlf),
		cmocka_unit_test(test_env_files),
		cmocka_unit_test(test_markdown_fences),
		cmocka_unit_test(test_markdown_fence_languages),
		cmocka_unit_test(test_markdown_fence_closing_rules),
		cmocka_unit_test(test_markdown_unclosed_fence),
		cmocka_unit_test(test_markdown_misc),
		cmocka_unit_test(test_markdown_output_blocks),
		cmocka_unit_test(test_markdown_shell_blocks),
		cmocka_unit_test(test_markdown_untagged_output),
		cmocka_unit_test(test_markdown_introduced_output),
		cmocka_unit_test(test_markdown_html_comment),
		cmocka_unit_test(test_markup_text_and_comments),
		cmocka_unit_test(test_markup_script_and_style),
		cmocka_unit_test(test_markup_attributes),
		cmocka_unit_test(test_markup_code_blocks_and_model_elements),
		cmocka_unit_test(test_markup_broken),
		cmocka_unit_test(test_notebook_cells),
		cmocka_unit_test(test_notebook_cell_type_after_source),
		cmocka_unit_test(test_notebook_source_single_string),
		cmocka_unit_test(test_notebook_hash_in_python_string),
		cmocka_unit_test(test_notebook_triple_string_across_elements),
		cmocka_unit_test(test_notebook_nbformat3),
		cmocka_unit_test(test_notebook_crlf),
		cmocka_unit_test(test_notebook_malformed),
		cmocka_unit_test(test_notebook_deep_nesting),
		cmocka_unit_test(test_notebook_escaped_cell_type),
		cmocka_unit_test(test_notebook_escaped_keys),
		cmocka_unit_test(test_notebook_escaped_python),
		cmocka_unit_test(test_notebook_broken_escapes),
		cmocka_unit_test(test_notebook_markdown_fences),
		cmocka_unit_test(test_json_plain_prose),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_nul_and_invalid_utf8),
		cmocka_unit_test(test_all_prefixes),
		cmocka_unit_test(test_random_input),
		cmocka_unit_test(test_linear_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
