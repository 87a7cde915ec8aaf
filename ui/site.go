package ui

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"taxo/internal/safe"
	"taxo/loader"
	"taxo/model"
	"taxo/ui/launch"
)

// A Hugo site, as the browser shows it: one language at a time, built
// from the last load; the loading's side of it (which language, switching
// it), and what the screens are told of it (siteView).

// siteView is what the screens know of a site beyond the graph of the
// language shown: the languages, what Hugo publishes, and where the files
// are. Screens get it with the taxonomy; it is nil when the taxonomy is
// not a site, and then nothing of pages is shown.
type siteView struct {
	lang  string   // the code of the language shown
	langs []string // the site's languages, in Hugo's order
	pub   model.Publishing
	res   *loader.Result
}

// newSiteView is the view of lang in res; nil when res is no site.
func newSiteView(res *loader.Result, lang string, now time.Time) *siteView {
	if res == nil || res.Site == nil {
		return nil
	}
	return &siteView{lang: lang, langs: res.LanguageCodes(), pub: res.Site.Publishing(now), res: res}
}

// state is whether Hugo publishes a page, and if not, why.
func (s *siteView) state(p *model.Page) model.PageState { return s.pub.State(p) }

// termPagePath is where the term page of t would be, relative to the
// site's root.
func (s *siteView) termPagePath(t *model.Term) string { return s.res.ContentPath(s.lang, t.ID) }

// noTermPage says that a term only pages carry has no file to open, and
// which file would describe it.
func (s *siteView) noTermPage(t *model.Term) string {
	return fmt.Sprintf("%s has no term page, only pages that carry it: create %s to describe it.",
		safe.Line(t.DisplayTitle()), s.termPagePath(t))
}

// translationKey ties a page to its translations as Hugo does: its
// front matter's translationKey, else its path in its language's content
// folder without the language's code in its name (post/x for both
// content/post/x.md and content/post/x.fr.md).
func (s *siteView) translationKey(p *model.Page) string {
	if k, ok := p.Field("translationKey"); ok {
		return fmt.Sprint(k)
	}
	rel := s.inContent(p)
	stem := strings.TrimSuffix(rel, path.Ext(rel))
	if i := strings.LastIndexByte(stem, '.'); i >= 0 && strings.EqualFold(stem[i+1:], p.Lang) {
		stem = stem[:i]
	}
	return stem
}

// inContent is a page's path in its content folder: post/x.md for
// content/post/x.md.
func (s *siteView) inContent(p *model.Page) string {
	rel, longest := p.Path, 0
	for _, l := range s.res.Site.Languages {
		if dir := l.ContentDir; dir != "" && len(dir) > longest && strings.HasPrefix(p.Path, dir+"/") {
			rel, longest = strings.TrimPrefix(p.Path, dir+"/"), len(dir)
		}
	}
	return rel
}

// pageTitle is a page's title as the browser shows it: its title, else
// its path in its content folder, which says more of a section's
// _index.md than its name; the home page's is "Home page".
func (s *siteView) pageTitle(p *model.Page) string {
	if s == nil || strings.TrimSpace(p.Title) != "" {
		return p.DisplayTitle()
	}
	rel := s.inContent(p)
	if stem, _, _ := strings.Cut(rel, "."); stem == "_index" {
		return "Home page"
	}
	return rel
}

// siteState is the loading's side of a site: the load the languages are
// built from and the language shown.
type siteState struct {
	loadResult func() (*loader.Result, error) // Options.LoadResult
	lang       string                         // the language shown; "" for the default until the load says
	res        *loader.Result                 // the last whole load
	view       *siteView
}

// languageMsg shows the site's next language.
type languageMsg struct{}

// languageBuiltMsg brings the taxonomy of one language of a load.
type languageBuiltMsg struct {
	res  *loader.Result
	lang string
	tx   *model.Taxonomy
}

// loadCmd runs Options.LoadResult and builds the language shown from it,
// away from the screen.
func (s *siteState) loadCmd() tea.Cmd {
	load, lang := s.loadResult, s.lang
	return func() tea.Msg {
		res, err := load()
		if err != nil {
			return taxonomyLoadedMsg{err: err}
		}
		lang = languageOf(res, lang)
		return taxonomyLoadedMsg{tx: taxonomyOf(res, lang), res: res, lang: lang}
	}
}

// languageOf is the code of the language lang names in res: itself when
// the site has it, the site's default for "" (or for one a reload no
// longer finds), "" when res is no site (or no longer one). The command
// line has checked the language asked for first.
func languageOf(res *loader.Result, lang string) string {
	if res.Site == nil {
		return ""
	}
	if l := res.Site.Language(lang); l != nil {
		return l.Code
	}
	return res.Site.Language("").Code
}

// taxonomyOf is the taxonomy of one language of a load, with the load's
// problems (every language's files').
func taxonomyOf(res *loader.Result, lang string) *model.Taxonomy {
	return model.TaxonomyOf(res.Root, res.Graph(lang), res.Problems)
}

// loaded takes in what a load gives on a site. A load made for a
// language the user has left since is not shown: the language shown is
// built from it, in the command returned, and shown then.
func (s *siteState) loaded(msg taxonomyLoadedMsg) tea.Cmd {
	if msg.res == nil {
		return nil
	}
	s.res = msg.res
	if want := languageOf(msg.res, s.lang); want != msg.lang {
		return s.build(want)
	}
	s.lang = msg.lang
	s.view = newSiteView(msg.res, msg.lang, time.Now())
	return nil
}

// shows reports whether a term read during the first load is of the
// language shown.
func (s *siteState) shows(t *model.Term) bool { return s.lang == "" || t.Lang == s.lang }

// partialGraph links the terms read so far: on a site, only the
// taxonomies they are of get tabs, as the site's are not known yet.
func (s *siteState) partialGraph(terms []*model.Term) *model.Graph {
	if s.lang == "" {
		return model.New(terms)
	}
	return model.NewSite(model.Content{Terms: terms})
}

// updateSite takes the messages of languages; it reports false for any
// other.
func (l *loading) updateSite(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case languageMsg:
		return l.nextLanguage(), true
	case languageBuiltMsg:
		s := &l.site
		if msg.res != s.res || msg.lang != s.lang {
			return nil, true // a later load or language came first
		}
		s.view = newSiteView(msg.res, msg.lang, time.Now())
		l.show(msg.tx, false, false)
		l.sh.tell(statusMsg{text: fmt.Sprintf("Language: %s (%d of %d).", msg.lang, slices.Index(s.view.langs, msg.lang)+1, len(s.view.langs))})
		return nil, true
	}
	return nil, false
}

// nextLanguage shows the site's next language, in Hugo's order, or says
// why it cannot.
func (l *loading) nextLanguage() tea.Cmd {
	v := l.site.view
	var why string
	switch {
	case l.firstLoad():
		why = "The languages can be switched once every file is read."
	case v == nil:
		why = "This is not a Hugo site: it has one language."
	case len(v.langs) < 2:
		why = "This site has one language: " + v.lang + "."
	default:
		i := slices.Index(v.langs, l.site.lang)
		return l.site.build(v.langs[(i+1)%len(v.langs)])
	}
	l.sh.tell(statusMsg{text: why})
	return nil
}

// build makes lang the language shown, building its taxonomy from the
// last load away from the screen.
func (s *siteState) build(lang string) tea.Cmd {
	s.lang = lang
	res := s.res
	return func() tea.Msg { return languageBuiltMsg{res: res, lang: lang, tx: taxonomyOf(res, lang)} }
}

// languages are a site's languages for the header, in Hugo's order, and
// the one shown; none when there is one language or none.
func (l *loading) languages() (codes []string, shown string) {
	v := l.site.view
	if v == nil || len(v.langs) < 2 {
		return nil, ""
	}
	return v.langs, v.lang
}

// editPage opens a page's file in the user's editor; the site is loaded
// again when it closes.
func (l *loading) editPage(p *model.Page) tea.Cmd {
	if p == nil || l.tx == nil {
		return nil
	}
	c := launch.Editor(l.getenv, l.tx.Path(p.Path))
	return tea.ExecProcess(c, func(err error) tea.Msg { return editorClosedMsg{err: err} })
}
