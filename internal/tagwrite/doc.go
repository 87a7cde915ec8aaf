// Package tagwrite changes the terms of one taxonomy in a content page's
// front matter and writes the page back safely. It has no UI: `taxo tag`,
// `taxo retag` and the browser's tagging screen all write through it.
//
// Apply is pure (bytes in, bytes out): it finds the taxonomy's value in the
// text of the front matter and splices in the change, so every other byte of
// the file (other keys, comments, key order, quoting, indentation, line
// ends, a byte order mark, the body) stays as it was. It then decodes the old
// and the new front matter with the real decoders (yaml.v3, go-toml/v2,
// encoding/json) and refuses an edit that would change anything but that
// one list. Writer.Write puts the bytes on disk: a temporary file in the same
// folder, fsync, rename, the mode kept; refused when the file changed since
// it was read, when it is a term file, or when it lies (through a symbolic
// link or not) outside the site.
package tagwrite
