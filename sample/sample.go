// Package sample holds the small taxonomy taxo shows when no folder is given:
// a food magazine's concepts, categories and tags, in the same layout as a
// Hugo site's content/ folder.
package sample

import "embed"

// FS holds content/concepts, content/categories and content/tags.
//
//go:embed all:content
var FS embed.FS
