/*
 * test_role.c: choice or mention (role.c), from the line around the
 * string literal that holds an id: each case is a line of code and the id
 * in it whose role is asked for. A choice must never become a mention: a
 * mention never blocks a commit, so a wrong one would let an alias through.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "pincheck/role.h"

/* The role of the `nth` (0-based) occurrence of `id` in `line`. */
static pc_role role(const char *line, const char *id, int nth)
{
	static pc_rule rule;
	pc_ref ref;
	pc_hit h;
	const char *p = line;
	memset(&h, 0, sizeof(h));
	memset(&ref, 0, sizeof(ref));
	while ((p = strstr(p, id)) && nth--)
		p++;
	assert_non_null(p);
	ref.start = (size_t)(p - line);
	ref.end = ref.start + strlen(id);
	ref.rule = &rule;
	h.ref = &ref;
	h.text = line;
	h.text_len = strlen(line);
	h.line = 1;
	h.col = ref.start + 1;
	return pc_role_of(&h);
}

static void test_choices(void **state)
{
	static const char *const lines[] = {
		"MODEL = \"gpt-4o\"",
		"client.chat.completions.create(model=\"gpt-4o\", messages=m)",
		"def ask(prompt, model=\"gpt-4o\"):",
		"def ask(prompt, model: str = \"gpt-4o\"):",
		"const cfg = { model: \"gpt-4o\" };",
		"{\"model\": \"gpt-4o\", \"temperature\": 0}",
		"model = args.model or \"gpt-4o\"",
		"m = \"gpt-4o\" if fast else \"o3\"",
		"const m = fast ? \"gpt-4o\" : \"o3\";",
		"return \"gpt-4o\"",
		"os.environ.setdefault(\"MODEL\", \"gpt-4o\")",
		"FALLBACKS = [\"gpt-4o\", \"o3\"]",
		"model: gpt-4o",
		"--model gpt-4o",
		"llm = LLM(model='gpt-4o')",
		"x = cache.hash(\"gpt-4o\")",
		"\"client.chat(model=\\\"gpt-4o\\\")\\n\",",
		"models = [\"gpt-4o\"]",
		"os.system(\"llm -m gpt-4o 'hello'\")",
		"cmd = \"--model gpt-4o --temperature 0\"",
		"ENV = \"MODEL=gpt-4o DEBUG=1\"",
		"args = \"model: gpt-4o\"",
		"p.add_argument(\"--model\", default=\"gpt-4o\", help=\"e.g. o3\")",
		"for m in models: run(m, fallback=\"gpt-4o\")",
		NULL
	};
	size_t i;
	(void)state;
	for (i = 0; lines[i]; i++)
		if (role(lines[i], "gpt-4o", 0) != PC_ROLE_CHOICE)
			fail_msg("not a choice: %s", lines[i]);
}

static void test_mentions(void **state)
{
	static const char *const lines[] = {
		"if model == \"gpt-4o\":",
		"if (model === \"gpt-4o\") {",
		"if \"gpt-4o\" != model:",
		"if model.startswith(\"gpt-4o\"):",
		"if (model.startsWith('gpt-4o')) {",
		"if \"gpt-4o\" in name:",
		"if name not in (\"o3\", \"gpt-4o\"):",
		"if model in [\"o3\", \"o4-mini\", \"gpt-4o\"]:",
		"case \"gpt-4o\":",
		"model: Literal[\"o3\", \"gpt-4o\"] = \"o3\"",
		"type ChatModel = \"o3\" | \"gpt-4o\";",
		"PRICES = {\"gpt-4o\": 2.5}",
		"    \"gpt-4o\": {\"input\": 2.5, \"output\": 10},",
		"assert kwargs[\"model\"] == \"gpt-4o\"",
		"if re.match(\"gpt-4o\", name):",
		"[ \"$MODEL\" == \"gpt-4o\" ] && echo yes",
		"when \"gpt-4o\" then 128000",
		"return MODEL_COSTS[\"gpt-4o\"]",
		"(re.compile(r\"^gpt-4o(-\\d+)?$\"), \"medium\"),",
		"\"    'gpt-4o': {'input': 2.5},\\n\",",
		"\"if model == \\\"gpt-4o\\\":\\n\",",
		NULL
	};
	size_t i;
	(void)state;
	for (i = 0; lines[i]; i++)
		if (role(lines[i], "gpt-4o", 0) != PC_ROLE_MENTION)
			fail_msg("not a mention: %s", lines[i]);
}

/* Text for people: an id among other words in a string, or the value of a
 * description-like key. */
static void test_text_is_prose(void **state)
{
	static const char *const lines[] = {
		"prompt = \"Compare gpt-4o and o3 on cost\"",
		"raise ValueError(\"gpt-4o does not support tools here\" if x else \"no\")",
		"description: Works best with gpt-4o",
		"  \"description\": \"Works best with gpt-4o\",",
		"p.add_argument(\"--model\", help=\"the model, e.g. gpt-4o\")",
		"    placeholder: e.g. gpt-4o",
		"{\"text\": \"Claude and gpt-4o were compared in the study\"}",
		NULL
	};
	size_t i;
	(void)state;
	for (i = 0; lines[i]; i++)
		if (role(lines[i], "gpt-4o", 0) != PC_ROLE_PROSE)
			fail_msg("not prose: %s", lines[i]);
}

static void test_same_line_both_roles(void **state)
{
	(void)state;
	/* the Literal's items are mentions, the default after it a choice */
	assert_int_equal(role("model: Literal[\"gpt-4o\", \"o3\"] = \"gpt-4o\"", "gpt-4o", 0),
			 PC_ROLE_MENTION);
	assert_int_equal(role("model: Literal[\"gpt-4o\", \"o3\"] = \"gpt-4o\"", "gpt-4o", 1),
			 PC_ROLE_CHOICE);
	/* compared, then chosen */
	assert_int_equal(role("m = \"o3\" if model == \"gpt-4o\" else \"gpt-4o\"", "gpt-4o", 0),
			 PC_ROLE_MENTION);
	assert_int_equal(role("m = \"o3\" if model == \"gpt-4o\" else \"gpt-4o\"", "gpt-4o", 1),
			 PC_ROLE_CHOICE);
}

static void test_prose_stays_prose(void **state)
{
	static pc_rule rule;
	pc_ref ref = { 0 };
	pc_hit h;
	const char *line = "# if model == \"gpt-4o\"";
	(void)state;
	memset(&h, 0, sizeof(h));
	ref.start = 15;
	ref.end = 21;
	ref.rule = &rule;
	h.ref = &ref;
	h.text = line;
	h.text_len = strlen(line);
	h.prose = true;
	assert_int_equal(pc_role_of(&h), PC_ROLE_PROSE);
	assert_string_equal(pc_role_name(PC_ROLE_PROSE), "prose");
	assert_string_equal(pc_role_name(PC_ROLE_MENTION), "mention");
	assert_string_equal(pc_role_name(PC_ROLE_DATA), "data");
	assert_string_equal(pc_role_name(PC_ROLE_CHOICE), "choice");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_choices),
		cmocka_unit_test(test_mentions),
		cmocka_unit_test(test_text_is_prose),
		cmocka_unit_test(test_same_line_both_roles),
		cmocka_unit_test(test_prose_stays_prose),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
