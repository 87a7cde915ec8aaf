package loader

// LookedFor says, a line each, where Load looks for term files in a folder:
// the layouts it reads. A command that finds no term quotes it, so that the
// user sees what the folder lacks; a layout the loader learns adds its line.
func LookedFor() []string {
	return []string{
		"concepts/, categories/ and tags/ in a site's content/ (PATH being the site or content/), or one of them as PATH",
		"in them, a term as <slug>/_index.md, <slug>/index.md or <slug>.md",
		"failing those, every .md and .markdown file under PATH, hidden ones aside",
		"or PATH as one file, of any name",
		"or a Hugo site: a folder with hugo.toml (.yaml, .yml, .json), config.* or config/_default/; then its content pages and every taxonomy its config declares",
	}
}
