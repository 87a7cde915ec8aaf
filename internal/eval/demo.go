package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"taxo/loader"
	"taxo/model"
	"taxo/model/learn"
)

// suggestFile prints what taxo suggests for a file from all the tagged
// pages of the site at dir (its first language), with why: what taxo
// suggest will print once it reads the site's pages.
func suggestFile(out io.Writer, file, dir string) error {
	langs, err := siteLanguages(dir)
	if err != nil {
		return err
	}
	s, err := readSite(dir, langs[0])
	if err != nil {
		return err
	}
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	text, _ := loader.ContentText(file, src)
	c := learn.Content{Text: text}
	if t, _ := loader.Parse(file, src, "content", model.Tag); t != nil {
		c.Date = t.Date
	}
	m := learn.New(s.terms, s.pages)
	fmt.Fprintf(out, "%s, from %d tagged pages of %s:\n", file, len(s.pages), s.name)
	for _, r := range m.Suggest(c, 5) {
		fmt.Fprintf(out, "\n%s (learned: %v)\n", r.Taxonomy, r.Learned)
		if len(r.Suggestions) == 0 {
			fmt.Fprintln(out, "  (nothing fits well)")
		}
		for _, sg := range r.Suggestions {
			fmt.Fprintf(out, "  %.2f  %s  · %s\n", sg.Score, sg.Term.ID, strings.Join(sg.Why, " "))
			for _, p := range sg.Pages {
				fmt.Fprintf(out, "        like %q (%s, %.2f)\n", p.Title, p.Path, p.Similarity)
			}
		}
	}
	return nil
}
