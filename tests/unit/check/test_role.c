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
#include <stdio.h>
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
	return pc_role_of(&h, NULL);
}

/* The role of the first occurrence of `id` on line `lineno` (1-based) of
 * the file `text` named `path`, seen with the whole file, as scan.c hands
 * hits over. `f` carries what is known of the file between calls. */
static pc_role role_in(const char *path, const char *text, size_t lineno, const char *id,
		       pc_role_file *f)
{
	static pc_rule rule;
	pc_ref ref;
	pc_hit h;
	const char *line = text, *nl, *p;
	size_t n;
	memset(&h, 0, sizeof(h));
	memset(&ref, 0, sizeof(ref));
	while (--lineno) {
		assert_non_null(nl = strchr(line, '\n'));
		line = nl + 1;
	}
	n = (nl = strchr(line, '\n')) ? (size_t)(nl - line) : strlen(line);
	p = strstr(line, id);
	assert_true(p && p < line + n);
	ref.start = (size_t)(p - line);
	ref.end = ref.start + strlen(id);
	ref.rule = &rule;
	h.path = path;
	h.ref = &ref;
	h.text = line;
	h.text_len = n;
	h.file = text;
	h.file_len = strlen(text);
	h.line_pos = (size_t)(line - text);
	return pc_role_of(&h, f);
}

/* Items of a list whose opening bracket or key is on an earlier line take
 * their role from it: what the list is bound to, compared with or typed
 * as. The same items in a list named for what is done with them stay
 * choices. */
static void test_lists_across_lines(void **state)
{
	static const struct {
		const char *path, *text;
		size_t line;
		pc_role want;
	} cases[] = {
		{ "a.py", "SUPPORTED_MODELS = [\n    \"o3\",\n    \"gpt-4o\",\n]\n", 3,
		  PC_ROLE_MENTION },
		{ "a.py", "REASONING_MODELS: frozenset[str] = frozenset({\n    \"o3\",  # new\n\n"
			  "    \"gpt-4o\"})\n", 4, PC_ROLE_MENTION },
		{ "a.ts", "export const visionModels: string[] = [\n  'o3',\n  // more\n"
			  "  'gpt-4o',\n] as const;\n", 4, PC_ROLE_MENTION },
		{ "a.py", "Name = Literal[\n    \"o3\",\n    \"gpt-4o\",\n]\n", 3,
		  PC_ROLE_MENTION },
		{ "a.py", "if model in (\n    \"o3\",\n    \"gpt-4o\"):\n", 3, PC_ROLE_MENTION },
		{ "a.ts", "const Model = z.enum([\n  \"o3\",\n  \"gpt-4o\",\n]);\n", 3,
		  PC_ROLE_MENTION },
		{ "a.yml", "supported_models:\n  - o3\n  - gpt-4o\n", 3, PC_ROLE_MENTION },
		{ "a.py", "KNOWN_MODELS = \"\"\"\no3\ngpt-4o\n\"\"\"\n", 3, PC_ROLE_MENTION },
		{ "t.py", "@pytest.mark.parametrize(\"m\", [\n    \"o3\",\n    \"gpt-4o\",\n])\n",
		  3, PC_ROLE_MENTION },
		{ "t.py", "@pytest.mark.parametrize(\n    \"m\",\n    (\n        \"gpt-4o\",\n    ),\n)\n",
		  4, PC_ROLE_MENTION },
		{ "a.py", "SUPPORTED_MODELS = [\n    [\n        \"gpt-4o\",\n    ],\n]\n", 3,
		  PC_ROLE_MENTION },
		{ "a.py", "run(\n    [\n        \"gpt-4o\",\n    ],\n)\n", 3, PC_ROLE_CHOICE },
		/* a call that looks names up, not one that chooses */
		{ "a.py", "W = {\n    **_model_context_windows(\n        (\n            \"gpt-4o\",\n"
			  "        ),\n        128000,\n    ),\n}\n", 4, PC_ROLE_MENTION },
		/* a map's entries, compared or in a table named for what models are */
		{ "t.py", "assert (\n    got\n    >= {\n        \"4\": \"gpt-4o\",\n    }\n)\n", 4,
		  PC_ROLE_MENTION },
		{ "a.py", "MODEL_ALIASES = {\n    \"4o\": \"gpt-4o\",\n    \"fast\": \"o3\",\n}\n", 2,
		  PC_ROLE_MENTION },
		/* ... but a map that sets a model is a choice, whatever it is named */
		{ "a.py", "MODEL_CONFIG = {\n    \"model\": \"gpt-4o\",\n    \"temperature\": 0,\n}\n",
		  2, PC_ROLE_CHOICE },
		{ "a.py", "settings = {\n    \"4o\": \"gpt-4o\",\n}\n", 2, PC_ROLE_CHOICE },
		{ "a.json", "{\n  \"agents\": [\n    {\n      \"name\": \"gpt-4o\"\n    }\n  ]\n}\n", 4,
		  PC_ROLE_CHOICE },
		/* choices */
		{ "a.py", "FALLBACK_MODELS = [\n    \"o3\",\n    \"gpt-4o\",\n]\n", 3,
		  PC_ROLE_CHOICE },
		{ "a.py", "models_to_try = [\n    \"o3\",\n    \"gpt-4o\",\n]\n", 3,
		  PC_ROLE_CHOICE },
		{ "a.json", "{\n  \"models\": [\n    \"o3\",\n    \"gpt-4o\"\n  ]\n}\n", 4,
		  PC_ROLE_CHOICE },
		{ "a.yml", "router:\n  fallbacks:\n    - o3\n    - gpt-4o\n", 4, PC_ROLE_CHOICE },
		{ "a.py", "llm = OpenAI(\n    \"gpt-4o\",\n)\n", 2, PC_ROLE_CHOICE },
		{ "a.py", "x = 1\n    \"gpt-4o\",\n", 2, PC_ROLE_CHOICE },
		{ "a.py", "MODEL = (\n    \"gpt-4o\"\n)\n", 2, PC_ROLE_CHOICE },
		/* a notebook's source lines are its JSON list's items */
		{ "n.ipynb", "  \"source\": [\n    \"llm = Anthropic(model='gpt-4o')\\n\",\n", 2,
		  PC_ROLE_CHOICE },
		/* ... whose code is read as code: a list over a cell's lines */
		{ "n.ipynb", "  \"source\": [\n    \"VISION_MODELS = [\\n\",\n    \"    'o3',\\n\",\n"
			     "    \"    \\\"gpt-4o\\\",\\n\",\n    \"]\"\n", 4, PC_ROLE_MENTION },
		{ "n.ipynb", "  \"source\": [\n    \"models = [\\n\",\n    \"    'gpt-4o',\\n\",\n"
			     "    \"]\"\n", 3, PC_ROLE_CHOICE },
		/* a list of lists is a table of records (a model and its key, its
		 * provider), which a notebook loops over to call each: choices */
		{ "a.py", "vision_models = [\n    [\"gpt-4o\", \"openai\"],\n]\n", 2, PC_ROLE_CHOICE },
		{ "n.ipynb", "  \"source\": [\n    \"vision_models = [\\n\",\n"
			     "    \"    [\\\"gpt-4o\\\", \\\"openai\\\"],\\n\",\n    \"]\"\n", 3,
		  PC_ROLE_CHOICE },
		/* a test's table of cases, one group per line, under parametrize
		 * or a comparison; a table bound to a name stays a choice */
		{ "t.py", "@pytest.mark.parametrize(\n    (\"name\", \"label\"),\n    [\n"
			  "        (\"o3\", \"O3\"),\n        (\"gpt-4o\", \"GPT 4o\"),\n    ],\n)\n", 5,
		  PC_ROLE_MENTION },
		{ "t.py", "if pair in [\n    (\"o3\", \"x\"),\n    (\"gpt-4o\", \"y\"),\n]:\n", 3,
		  PC_ROLE_MENTION },
		{ "a.py", "model_key_pairs = [\n    (\"OPENAI_API_KEY\", \"gpt-4o\"),\n]\n", 2,
		  PC_ROLE_CHOICE },
		{ "t.ts", "expect(out).toEqual([\n  \"o3\",\n  \"gpt-4o\",\n]);\n", 3, PC_ROLE_MENTION },
		/* a list does not open across a cell's boundary */
		{ "n.ipynb", "    \"VISION_MODELS = [\\n\"\n   ]\n  },\n  {\n   \"source\": [\n"
			     "    \"    'gpt-4o',\\n\",\n", 6, PC_ROLE_CHOICE },
		/* a literal inside another line's literal is not an item */
		{ "a.py", "VISION_MODELS = [\n    \"llm --model 'gpt-4o'\",\n]\n", 2, PC_ROLE_CHOICE },
		{ "a.py", "m = (\n    \"gpt-4o\")\n", 2, PC_ROLE_CHOICE },
	};
	size_t i;
	pc_role_file f;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pc_role_file_init(&f);
		if (role_in(cases[i].path, cases[i].text, cases[i].line, "gpt-4o", &f) !=
		    cases[i].want)
			fail_msg("case %zu: not a %s: %s", i, pc_role_name(cases[i].want),
				 cases[i].text);
		/* without what is known of the file, the same answer */
		if (role_in(cases[i].path, cases[i].text, cases[i].line, "gpt-4o", NULL) !=
		    cases[i].want)
			fail_msg("case %zu without a pc_role_file: %s", i, cases[i].text);
	}
}

/* A list of records named by `id`, `name` or `slug`, one per model, is a
 * catalog when the file holds many: its names are mentions. A file with a
 * few such records is an application's menu of models: choices. */
static void test_catalogs(void **state)
{
	char big[8192], small[1024];
	size_t i, n = 0, m = 0;
	pc_role_file f;
	(void)state;
	n += (size_t)snprintf(big + n, sizeof(big) - n, "[\n");
	for (i = 0; i < 30; i++)
		n += (size_t)snprintf(big + n, sizeof(big) - n,
				      "  {\"id\": \"gpt-4o-%zu\", \"context\": 128000},\n", i);
	snprintf(big + n, sizeof(big) - n, "  {\"id\": \"gpt-4o\"}\n]\n");
	pc_role_file_init(&f);
	assert_int_equal(role_in("models.json", big, 32, "gpt-4o\"", &f), PC_ROLE_MENTION);
	for (i = 0; i < 3; i++)
		m += (size_t)snprintf(small + m, sizeof(small) - m, "- name: x%zu\n  model: o3\n", i);
	snprintf(small + m, sizeof(small) - m, "- name: gpt-4o\n");
	pc_role_file_init(&f);
	assert_int_equal(role_in("menu.yml", small, 7, "gpt-4o", &f), PC_ROLE_CHOICE);
}

/* Each case is a file's text, a line of it and the role of the first
 * gpt-4o on that line, seen with the whole file. */
typedef struct {
	const char *text;
	size_t line;
	pc_role want;
} file_case;

static void check_cases(const char *path, const file_case *c, size_t n)
{
	size_t i;
	pc_role_file f;
	for (i = 0; i < n; i++) {
		pc_role_file_init(&f);
		if (role_in(path, c[i].text, c[i].line, "gpt-4o", &f) != c[i].want)
			fail_msg("case %zu: not %s: %s", i, pc_role_name(c[i].want), c[i].text);
	}
}

/* An entry of a table of model facts (context length, display name, a
 * regex) names its model: a mention. A config's entry (provider, key,
 * temperature) with the same facts is a choice. */
static void test_fact_records(void **state)
{
	static const file_case cases[] = {
		{ "export const models = [\n  {\n    model: \"gpt-4o\",\n    displayName: \"GPT-4o\",\n"
		  "    contextLength: 128000,\n  },\n];\n", 3, PC_ROLE_MENTION },
		{ "- id: gpt-4o\n  context_window: 128000\n  input_cost_per_token: 2.5e-06\n", 1,
		  PC_ROLE_MENTION },
		{ "models:\n  - name: GPT-4o\n    provider: openai\n    model: gpt-4o\n"
		  "    contextLength: 128000\n", 4, PC_ROLE_CHOICE },
		{ "agent:\n  model: gpt-4o\n  temperature: 0\n", 2, PC_ROLE_CHOICE },
		/* a fact of an inner object is not the entry's */
		{ "cfg:\n  model: gpt-4o\n  limits:\n    contextLength: 1000\n", 2, PC_ROLE_CHOICE },
	};
	(void)state;
	check_cases("m.ts", cases, sizeof(cases) / sizeof(cases[0]));
}

/* A recorded or mocked API response names the model that answered: data,
 * even in test code. The same key beside a config's keys is a choice. */
static void test_responses_are_data(void **state)
{
	static const file_case cases[] = {
		{ "mock.add_response(json={\n    \"id\": \"x\",\n    \"object\": \"chat.completion\",\n"
		  "    \"model\": \"gpt-4o\",\n    \"choices\": [],\n})\n", 4, PC_ROLE_DATA },
		{ "{\n  \"model\": \"gpt-4o\",\n  \"usage\": {\"input_tokens\": 3},\n"
		  "  \"stop_reason\": \"end_turn\"\n}\n", 2, PC_ROLE_DATA },
		/* a key of an inner object is not the response's */
		{ "{\n  \"request\": {\n    \"model\": \"gpt-4o\"\n  },\n  \"choices\": []\n}\n", 3,
		  PC_ROLE_CHOICE },
		/* a config beside other settings */
		{ "agent:\n  model: gpt-4o\n  temperature: 0\n  output: markdown\n", 2,
		  PC_ROLE_CHOICE },
		/* an assignment is code, whatever follows it */
		{ "def t():\n    model = get(\"gpt-4o\")\n    usage = model.usage\n", 2,
		  PC_ROLE_CHOICE },
		/* a response on one line */
		{ "items = [\n    {\"model\": \"gpt-4o\", \"response_id\": \"chatcmpl-1\"},\n]\n", 2,
		  PC_ROLE_DATA },
		{ "r = {\"model\": \"gpt-4o\", \"choices\": [], \"usage\": None}\n", 1, PC_ROLE_DATA },
		/* a request on one line is a choice */
		{ "client.post(json={\"model\": \"gpt-4o\", \"messages\": m})\n", 1, PC_ROLE_CHOICE },
		{ "r = {\"id\": \"gpt-4o\", \"choices\": []}\n", 1, PC_ROLE_CHOICE },
	};
	(void)state;
	check_cases("t.py", cases, sizeof(cases) / sizeof(cases[0]));
}

/* What a test asserts about names is a mention; what a command line's
 * `-m` takes is a choice, in a list too. */
static void test_asserts_and_argv(void **state)
{
	(void)state;
	assert_int_equal(role("    assert is_reasoning(\"gpt-4o\") is True", "gpt-4o", 0),
			 PC_ROLE_MENTION);
	assert_int_equal(role("self.assertEqual(pick(), \"gpt-4o\")", "gpt-4o", 0),
			 PC_ROLE_MENTION);
	assert_int_equal(role("expect(isVision('gpt-4o')).toBe(true);", "gpt-4o", 0),
			 PC_ROLE_MENTION);
	assert_int_equal(role("assertion_model = \"gpt-4o\"", "gpt-4o", 0), PC_ROLE_CHOICE);
	assert_int_equal(role("base = [\"-m\", \"gpt-4o\", \"--no-stream\"]", "gpt-4o", 0),
			 PC_ROLE_CHOICE);
	assert_int_equal(role("VISION_MODELS = [\"o3\", \"gpt-4o\"]", "gpt-4o", 0),
			 PC_ROLE_MENTION);
	/* a name that says nothing of models: a choice, as without a list */
	assert_int_equal(role("ms = [\"o3\", \"gpt-4o\"]", "gpt-4o", 0), PC_ROLE_CHOICE);
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
		"model = create_model(\"gpt-4o\")",
		"llm.get_model(\"gpt-4o\")",
		"p.add_argument(\"--model\", help=\"e.g. o3\", default=\"gpt-4o\")",
		"url = \"https://api.example.com/v1/models/gpt-4o:generate\"",
		"u = f\"https://generativelanguage.googleapis.com/v1beta/models/gpt-4o:generateContent\"",
		"base = \"http://localhost:11434/api/chat/gpt-4o\"",
		"u = \"https://{host}/openai/deployments/gpt-4o/chat\"",
		"model = \"openai/gpt-4o\"",
		"model: openai/gpt-4o",
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
		"limit = get_context_window(\"gpt-4o\")",
		"if supports_vision(\"gpt-4o\"):",
		"p = model_prices([\"o3\", \"gpt-4o\"])",
		"if name.startswith((\"o3\", \"gpt-4o\")):",
		"p = bedrock_model_profile(\"gpt-4o\")",
		"info = litellm.get_model_info(\"gpt-4o\")",
		"{ regex: /gpt-4o(-mini)?/i, contextLength: 128000 },",
		"if (/^gpt-4o/.test(model)) {",
		"  \"enum\": [\"o3\", \"gpt-4o\"],",
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
		"raise ValueError('a provider/model string (e.g. \"openai/o3\" or \"openai/gpt-4o\")')",
		"msg = 'for example \"gpt-4o\"'",
		"  \"source\": \"https://example.com/pricing#gpt-4o\",",
		"see = \"https://platform.example.com/docs/models/gpt-4o\"",
		"<a href=\"https://hub.example.dev/openai/gpt-4o\">GPT-4o</a>",
		"[model page](https://openrouter.example/openai/gpt-4o)",
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
	assert_int_equal(pc_role_of(&h, NULL), PC_ROLE_PROSE);
	assert_string_equal(pc_role_name(PC_ROLE_PROSE), "prose");
	assert_string_equal(pc_role_name(PC_ROLE_MENTION), "mention");
	assert_string_equal(pc_role_name(PC_ROLE_DATA), "data");
	assert_string_equal(pc_role_name(PC_ROLE_CHOICE), "choice");
}

/* The calls an id is an argument of, over as many lines as they span
 * (role_call.c): a reply or failure being built is data, a test's
 * assertion a mention; any other call leaves the id a choice. */
static void test_calls_around(void **state)
{
	static const file_case py[] = {
		{ "def fake():\n    yield ModelResponseStream(model=\"gpt-4o\", choices=[])\n", 2,
		  PC_ROLE_DATA },
		{ "m.return_value = ModelResponse(\n    choices=[Choices(message=Message(content='"
		  "print(\"(\")'))],\n    model=\"gpt-4o\",\n)\n", 3, PC_ROLE_DATA },
		{ "raise RateLimitError(message=\"slow\", model=\"gpt-4o\")\n", 1, PC_ROLE_DATA },
		{ "fake = MagicMock(model=\"gpt-4o\")\n", 1, PC_ROLE_DATA },
		{ "client.create.assert_called_once_with(\n    model=\"gpt-4o\",\n    messages=m,\n)\n",
		  2, PC_ROLE_MENTION },
		{ "assert out == snapshot(\n    {\n        \"model\": \"gpt-4o\",\n    }\n)\n", 3,
		  PC_ROLE_MENTION },
		/* a request is a choice, whatever its other arguments hold */
		{ "r = client.chat.completions.create(\n    messages=[{\"role\": \"user\", \"content\": "
		  "\"hi (there\"}],\n    model=\"gpt-4o\",\n)\n", 3, PC_ROLE_CHOICE },
		{ "llm = ChatOpenAI(\n    model=\"gpt-4o\",  # see RateLimitError(\n)\n", 2,
		  PC_ROLE_CHOICE },
		/* a reply's list of items is not the reply's own argument */
		{ "r = Response(models=[\n    \"gpt-4o\",\n])\n", 2, PC_ROLE_CHOICE },
		/* a string literal's brackets, and a docstring's, are not code */
		{ "\"\"\"Build a ModelResponse(\nfrom the reply.\"\"\"\nllm = OpenAI(model=\"gpt-4o\")\n", 3,
		  PC_ROLE_CHOICE },
	};
	static const file_case ts[] = {
		{ "expect(body).toMatchInlineSnapshot(`\n  {\n    \"input\": [\n      {\n"
		  "        \"content\": \"hi\",\n      },\n    ],\n    \"model\": \"gpt-4o\",\n  }\n`);\n",
		  8, PC_ROLE_MENTION },
		{ "expect(fetch).toHaveBeenCalledWith(expect.objectContaining({ model: 'gpt-4o' }));\n", 1,
		  PC_ROLE_MENTION },
		{ "throw new APICallError({ message: 'x', model: 'gpt-4o' });\n", 1, PC_ROLE_DATA },
		/* after a template that spans lines, code is code again */
		{ "expect(x).toMatchInlineSnapshot(`\n  \"(\"\n`);\nconst model = openai('gpt-4o');\n", 4,
		  PC_ROLE_CHOICE },
		{ "it('calls', () => {\n  const m = createModel('gpt-4o');\n});\n", 2, PC_ROLE_CHOICE },
	};
	(void)state;
	check_cases("t.py", py, sizeof(py) / sizeof(py[0]));
	check_cases("t.test.ts", ts, sizeof(ts) / sizeof(ts[0]));
	/* with the line alone, as some callers have it */
	assert_int_equal(role("raise APIError(\"x\", model=\"gpt-4o\")", "gpt-4o", 0),
			 PC_ROLE_DATA);
}

/* A test's table of cases, in the forms test frameworks take it: each row
 * says what is expected of a name, so the names are mentions. A field
 * whose default is a list takes its role from the field's name; a menu's
 * options are mentions beside its default, a choice. */
static void test_tables_and_fields(void **state)
{
	static const file_case py[] = {
		{ "@pytest.mark.parametrize(\n    \"model_id,expected\",\n    [\n        # old ones\n"
		  "        (\"o3\", False),\n        (\"gpt-4o\", True, None),\n    ],\n)\n", 6,
		  PC_ROLE_MENTION },
		{ "@dataclass\nclass C:\n    reasoning_models: list[str] | None = field(\n"
		  "        default_factory=lambda: [\n            \"o3\",\n            \"gpt-4o\",\n"
		  "        ]\n    )\n", 6, PC_ROLE_MENTION },
		{ "class C(BaseModel):\n    vision_models: list[str] = Field(default=[\"gpt-4o\"])\n", 2,
		  PC_ROLE_MENTION },
		{ "class C:\n    fallback_models: list[str] = field(default_factory=lambda: [\"gpt-4o\"])\n",
		  2, PC_ROLE_CHOICE },
		{ "m = gr.Dropdown(choices=[\"o3\", \"gpt-4o\"], value=\"o3\")\n", 1, PC_ROLE_MENTION },
		{ "p.add_argument(\"--model\", choices=[\"o3\", \"gpt-4o\"], default=\"gpt-4o\")\n", 1,
		  PC_ROLE_MENTION },
	};
	static const file_case ts[] = {
		{ "it.each([\n  ['o3', { vision: true }],\n  ['gpt-4o', { vision: true }],\n])('%s', f);\n",
		  3, PC_ROLE_MENTION },
		{ "const cases = [\n  {\n    modelId: 'gpt-4o',\n    expected: { vision: true },\n  },\n];\n",
		  3, PC_ROLE_MENTION },
	};
	(void)state;
	check_cases("t.py", py, sizeof(py) / sizeof(py[0]));
	check_cases("t.test.ts", ts, sizeof(ts) / sizeof(ts[0]));
	/* the default beside the options is chosen */
	assert_int_equal(role("p.add_argument(\"--model\", choices=[\"o3\"], default=\"gpt-4o\")",
			      "gpt-4o", 0), PC_ROLE_CHOICE);
}

/* An id quoted inside a message is text for people; a request body in a
 * command's string is not a message. */
static void test_quoted_in_text(void **state)
{
	(void)state;
	assert_int_equal(role("    \"For now, it defaults to 'anthropic/claude-3-5-sonnet'.\",",
			      "claude-3-5-sonnet", 0), PC_ROLE_PROSE);
	assert_int_equal(role("msg = \"use 'gpt-4o' here for best results\"", "gpt-4o", 0),
			 PC_ROLE_PROSE);
	assert_int_equal(role("os.system(\"curl -d '{\\\"model\\\": \\\"gpt-4o\\\"}' $URL\")",
			      "gpt-4o", 0), PC_ROLE_CHOICE);
	assert_int_equal(role("subprocess.run(\"llm --model 'gpt-4o' hello\", shell=True)", "gpt-4o", 0),
			 PC_ROLE_CHOICE);
	assert_int_equal(role("body = '{\"model\": \"gpt-4o\", \"messages\": []}'", "gpt-4o", 0),
			 PC_ROLE_CHOICE);
	assert_int_equal(role("run(\"ollama pull 'llama3'\")", "llama3", 0), PC_ROLE_CHOICE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_choices),
		cmocka_unit_test(test_mentions),
		cmocka_unit_test(test_text_is_prose),
		cmocka_unit_test(test_same_line_both_roles),
		cmocka_unit_test(test_prose_stays_prose),
		cmocka_unit_test(test_lists_across_lines),
		cmocka_unit_test(test_catalogs),
		cmocka_unit_test(test_asserts_and_argv),
		cmocka_unit_test(test_responses_are_data),
		cmocka_unit_test(test_fact_records),
		cmocka_unit_test(test_calls_around),
		cmocka_unit_test(test_tables_and_fields),
		cmocka_unit_test(test_quoted_in_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
