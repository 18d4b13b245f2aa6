/*
 * env.c: what the CLI reads from its environment for the library, which
 * reads none of it itself (see cli.h).
 */
#include <stdlib.h>
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
