package cli

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"taxo/internal/safe"
	"taxo/loader"
	"taxo/model"
)

// languageGraph is the graph of one language of what was loaded: lang, or
// the site's default when empty. A language the site does not have, or
// any language for what is not a site, is a usage error naming those
// there are.
func languageGraph(res *loader.Result, lang string) (*model.Graph, error) {
	if g := res.Graph(lang); g != nil {
		return g, nil
	}
	if res.Site == nil {
		return nil, usage(fmt.Errorf("--lang %q: the taxonomy is not a Hugo site, which has no languages", lang))
	}
	return nil, usage(fmt.Errorf("--lang %q: the site's languages are %s", lang, strings.Join(res.LanguageCodes(), ", ")))
}

// browserLanguage is the language the browser shows first: --lang, else
// the site's default, read from the site's config before the load so
// that the terms shown while it runs are of that language only. A
// language the site has not is a usage error, before the screen changes.
func (a *app) browserLanguage(source string) (string, error) {
	site, _ := loader.ReadSite(source)
	if source == "" || site == nil {
		if a.lang != "" {
			return "", usage(fmt.Errorf("--lang %q: the taxonomy is not a Hugo site, which has no languages", a.lang))
		}
		return "", nil
	}
	l := site.Language(a.lang)
	if l == nil {
		codes := make([]string, len(site.Languages))
		for i, l := range site.Languages {
			codes[i] = l.Code
		}
		return "", usage(fmt.Errorf("--lang %q: the site's languages are %s", a.lang, strings.Join(codes, ", ")))
	}
	return l.Code, nil
}

// completeLanguages completes --lang with the site's languages.
func (a *app) completeLanguages(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	const directive = cobra.ShellCompDirectiveNoFileComp
	a.quiet = true
	tx, err := a.loadWithoutBodies()
	if err != nil || tx.result.Site == nil {
		return nil, directive
	}
	var out []cobra.Completion
	for _, code := range tx.result.LanguageCodes() {
		if strings.HasPrefix(code, strings.ToLower(toComplete)) {
			out = append(out, code)
		}
	}
	return out, directive
}

type pagesFlags struct {
	published bool
	clock     string
	tags      []string
	terms     []string
	json      bool
}

func (a *app) pagesCommand() *cobra.Command {
	var f pagesFlags
	cmd := &cobra.Command{
		Use:   "pages",
		Short: "List a Hugo site's content pages, newest first, with their terms",
		Long: `List the content pages of a Hugo site, one a line as PATH<TAB>TITLE, newest
first; PATH is relative to the site's root. Every page is listed, drafts
and pages not yet published among them, with --lang one language's (else
every language's).

--published keeps the pages Hugo would publish at --clock (default now):
not drafts, not dated in the future, not expired, not in a section that is
not published, unless the site's buildDrafts, buildFuture or buildExpired
says otherwise. --tag and --term keep the pages carrying every one given:
--tag names a tag by title, slug or ID, --term a term of any taxonomy by
its ID (series/learn-go) or title.

--json prints page objects: path, lang, title, date, draft, published,
state, and terms: each taxonomy's plural name to the IDs of the terms the
page carries (with --published, those Hugo lists it under).`,
		Example: `  taxo pages -d ~/site --published
  taxo pages --tag go --term series/learn-go
  taxo pages --published --clock 2026-12-06T00:00:00Z --json | jq '.[].terms'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.pages(f) },
	}
	cmd.Flags().BoolVar(&f.published, "published", false, "only the pages Hugo would publish")
	cmd.Flags().StringVar(&f.clock, "clock", "", "the time Hugo publishes at, as Hugo's --clock (such as 2026-12-06T00:00:00Z or 2026-12-06; default now)")
	cmd.Flags().StringArrayVarP(&f.tags, "tag", "t", nil, "only pages tagged with TAG (repeat to require several)")
	cmd.Flags().StringArrayVar(&f.terms, "term", nil, "only pages carrying the term ID, of any taxonomy (repeat to require several)")
	cmd.Flags().BoolVar(&f.json, "json", false, "print a JSON array of page objects")
	_ = cmd.RegisterFlagCompletionFunc("tag", a.completeTags)
	_ = cmd.RegisterFlagCompletionFunc("term", a.completeTerms)
	return cmd
}

func (a *app) pages(f pagesFlags) error {
	now, err := parseClock(f.clock)
	if err != nil {
		return usage(fmt.Errorf("--clock %q: %w", f.clock, err))
	}
	tx, err := a.loadWithoutBodies()
	if err != nil {
		return err
	}
	a.noteErrors(tx)
	var pub model.Publishing
	if site := tx.result.Site; site != nil {
		pub = site.Publishing(now)
	} else {
		fmt.Fprintln(a.io.Err, a.noPages())
	}
	out, err := a.listedPages(tx, f, pub)
	if err != nil {
		return err
	}
	if f.json {
		l := newPageLister(pub, f.published, out)
		return writeJSONArray(a.io.Out, len(out), func(i int, b []byte) []byte { return l.append(b, out[i]) })
	}
	w := bufio.NewWriter(a.io.Out)
	for _, l := range out {
		fmt.Fprintf(w, "%s\t%s\n", safe.Line(l.page.Path), safe.Line(l.page.DisplayTitle()))
	}
	return w.Flush()
}

// listedPage is a page pages lists, with the graph of its language and
// its place in the graph's pages.
type listedPage struct {
	page  *model.Page
	graph *model.Graph
	place int
}

// listedPages gathers the pages pages lists, newest first: those of
// --lang, else of every language of a site, that carry the terms asked
// for (a term one language has and another has not leaves the other out)
// and, with --published, that Hugo publishes.
func (a *app) listedPages(tx *taxonomy, f pagesFlags, pub model.Publishing) ([]listedPage, error) {
	res := tx.result
	langs := []string{a.lang}
	if a.lang == "" && res.Site != nil {
		langs = res.LanguageCodes()
	}
	var out []listedPage
	var missing error
	found := false
	for _, lang := range langs {
		g := tx.Graph
		if lang != a.lang && !(a.lang == "" && lang == res.Site.DefaultLanguage) {
			g = res.Graph(lang)
		}
		pages, err := pagesWith(g, f.tags, f.terms)
		if err != nil {
			missing = cmp.Or(missing, err)
			continue
		}
		found = true
		places := placesOf(g.Pages(), pages)
		for n, p := range pages {
			if !f.published || pub.Publishes(p) {
				out = append(out, listedPage{p, g, places[n]})
			}
		}
	}
	if !found && missing != nil {
		return nil, missing
	}
	slices.SortStableFunc(out, func(x, y listedPage) int { return model.ComparePages(x.page, y.page) })
	return out, nil
}

// pagesWith returns g's pages carrying every tag (title, slug or ID) and
// every term (ID, slug or title, of any taxonomy) named.
func pagesWith(g *model.Graph, tags, terms []string) ([]*model.Page, error) {
	want, err := resolveTags(g, tags)
	if err != nil {
		return nil, err
	}
	for _, name := range terms {
		t, err := pick(g, name, nil)
		if err != nil {
			return nil, err
		}
		want = append(want, t)
	}
	return g.PagesWithAll(want), nil
}

// parseClock reads --clock: a date and time with a zone, or without one in
// UTC, or a date alone; now when empty.
func parseClock(s string) (time.Time, error) {
	if strings.TrimSpace(s) == "" {
		return time.Now(), nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("want a time such as 2026-12-06T00:00:00Z or 2026-12-06")
}

// noPages says why a taxonomy that is no Hugo site has no pages: on the
// embedded sample, read for want of a --dir, it says so, and from inside
// a site how to name it, rather than calling the site no site.
func (a *app) noPages() string {
	if a.source() != "" {
		return "taxo: " + safe.Line(a.source()) + " is not a Hugo site (no hugo.toml, config.toml or config/_default/ at its root): it has no pages"
	}
	msg := "taxo: the embedded sample (read " + forWantOfDir + ") is not a Hugo site: it has no pages"
	if hint := a.siteHint(); hint != "" {
		msg += "\n  " + hint
	}
	return msg
}
