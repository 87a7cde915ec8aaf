package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"taxo/model"
)

// termJSON is a term as list --json and show --json print it.
type termJSON struct {
	ID           model.ID   `json:"id"`
	Kind         model.Kind `json:"kind"`
	Slug         string     `json:"slug"`
	Title        string     `json:"title"`
	Description  string     `json:"description"`
	Abstract     string     `json:"abstract"`
	Instructions string     `json:"instructions"`
	Weight       int        `json:"weight"`
	Icon         string     `json:"icon"`
	Date         string     `json:"date,omitempty"`
	Path         string     `json:"path"`
	Defined      bool       `json:"defined"`
	Concepts     []model.ID `json:"concepts"`
	Categories   []model.ID `json:"categories"`
	Tags         []model.ID `json:"tags"`
	Backlinks    []model.ID `json:"backlinks"`
	Lang         string     `json:"lang,omitempty"`  // on a site
	Pages        *int       `json:"pages,omitempty"` // on a site: how many pages carry it
	Body         *string    `json:"body,omitempty"`
	Fields       fieldsJSON `json:"fields,omitempty"`
}

// fieldsJSON writes front matter fields as an object in file order.
type fieldsJSON []model.Field

func (fs fieldsJSON) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(f.Key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(f.Value)
		if err != nil {
			return nil, fmt.Errorf("field %q: %w", f.Key, err)
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// toJSON describes a term; full adds its body and other fields.
func toJSON(g *model.Graph, t *model.Term, full bool) termJSON {
	j := termJSON{
		ID: t.ID, Kind: t.Kind, Slug: t.Slug, Title: t.Title,
		Description: t.Description, Abstract: t.Abstract, Instructions: t.Instructions,
		Weight: t.Weight, Icon: t.Icon, Path: t.Path, Defined: t.Defined,
		Concepts:   ids(g.Links(t, model.Concept)),
		Categories: ids(g.Links(t, model.Category)),
		Tags:       ids(g.Links(t, model.Tag)),
		Backlinks:  ids(g.Backlinks(t)),
	}
	if !t.Date.IsZero() {
		j.Date = t.Date.Format(time.RFC3339)
	}
	if t.Lang != "" || len(g.Pages()) > 0 {
		n := g.CountPages(t)
		j.Lang, j.Pages = t.Lang, &n
	}
	if full {
		body := t.Body
		j.Body = &body
		j.Fields = fieldsJSON(t.Fields)
		if j.Fields == nil {
			j.Fields = fieldsJSON{}
		}
	}
	return j
}

func ids(ts []*model.Term) []model.ID {
	out := make([]model.ID, len(ts))
	for i, t := range ts {
		out[i] = t.ID
	}
	return out
}

// writeJSON prints v indented. Besides what encoding/json escapes, it
// escapes C1 controls and bidi overrides, so no string from a term file can
// act on a terminal even when the JSON is printed to one.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escapeTerminalRunes(buf.Bytes()))
	return err
}

func escapeTerminalRunes(data []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			out = append(out, data[last:i]...)
			out = fmt.Appendf(out, `\u%04x`, r)
			last = i + size
		}
		i += size
	}
	if out == nil {
		return data
	}
	return append(out, data[last:]...)
}
