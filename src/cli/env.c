/*
 * env.c: everything pincheck reads from its environment, read here for the
 * library, which reads none of it itself (see cli.h).
 */
#include <stdlib.h>
#include <string.h>
#include "pincheck/date.h"
#include "cli.h"

void cli_repo_env(pc_repo_env *env)
{
	env->git_dir = getenv("GIT_DIR");
	env->work_tree = getenv("GIT_WORK_TREE");
	env->object_directory = getenv("GIT_OBJECT_DIRECTORY");
	env->alternate_object_directories = getenv("GIT_ALTERNATE_OBJECT_DIRECTORIES");
	env->ceiling_directories = getenv("GIT_CEILING_DIRECTORIES");
	env->index_file = getenv("GIT_INDEX_FILE");
}

int cli_repo_open(pc_repo **out)
{
	pc_repo_env env;
	cli_repo_env(&env);
	return pc_repo_open(out, &env);
}

void cli_today(char out[11])
{
	const char *env = getenv("PINCHECK_TODAY");
	if (env && strlen(env) == 10) {
		memcpy(out, env, 11);
		return;
	}
	pc_date_today(out);
}

bool cli_editing(void)
{
	const char *editor = getenv("GIT_EDITOR");
	return !(editor && !strcmp(editor, ":"));
}

bool cli_no_jit(void)
{
	return getenv("PINCHECK_NO_JIT") != NULL;
}

bool cli_no_color(void)
{
	const char *v = getenv("NO_COLOR");
	return v && *v;
}
