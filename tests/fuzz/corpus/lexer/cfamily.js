3// C family: JS, Go, Rust, Java
/* block comment with gpt-4o
   spanning lines */
const model = "claude-3-5-sonnet-latest"; // alias
const t = `template ${"gpt-4"} literal`;
let re = /gpt-4o\/"/g;
char c = '"'; /* unclosed
