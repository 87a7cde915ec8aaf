package loader

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"

	"taxo/model"
)

// Site is a Hugo site's config as far as taxo needs it: its taxonomies,
// its languages and where their content is, and what it publishes. A load
// of a folder that has a site config at its root reads it as Hugo does.
type Site struct {
	// ConfigFiles are the config files read, relative to the root, in the
	// order they were merged (a later one wins).
	ConfigFiles []string
	// DefaultLanguage is defaultContentLanguage (en when unset).
	DefaultLanguage string
	// Languages are the enabled languages in Hugo's order: the default
	// first, then by weight (unweighted last), then by code.
	Languages []*Language
	// BuildDrafts, BuildFuture and BuildExpired are the config's flags:
	// Hugo publishes drafts, pages dated in the future and expired pages.
	BuildDrafts, BuildFuture, BuildExpired bool

	dates       dateKeys
	pathToLower bool            // not disablePathToLower
	noAccents   bool            // removePathAccents
	disabled    map[string]bool // the codes of the languages turned off
}

// Language is one language of a site.
type Language struct {
	Code   string // as the config names it, in lower case
	Weight int
	// ContentDir is the folder its pages are in, relative to the root and
	// slash-separated; "" when another language, earlier in Hugo's order,
	// has the same folder, so that this one's pages are only those named
	// with its code (post.fr.md) in the folders of others.
	ContentDir string
	// Taxonomies are the language's taxonomies (the site's unless it gives
	// its own) in display order.
	Taxonomies []Taxonomy
	// Location is where a date without a zone is: timeZone, else UTC.
	Location *time.Location

	byPlural map[string]model.Kind // lower-case plural -> kind
	byName   map[string]model.Kind // lower-case plural and singular -> kind
	kinds    int                   // one more than its largest kind
}

// termFolder is the language of a folder of term files that is not a
// site: its taxonomies are concepts, categories and tags.
var termFolder = newLanguage("", []Taxonomy{
	{Singular: "concept", Plural: "concepts", Kind: model.Concept},
	{Singular: "category", Plural: "categories", Kind: model.Category},
	{Singular: "tag", Plural: "tags", Kind: model.Tag},
}, "", time.UTC)

func newLanguage(code string, taxonomies []Taxonomy, contentDir string, loc *time.Location) *Language {
	l := &Language{Code: code, ContentDir: contentDir, Taxonomies: taxonomies, Location: loc}
	l.index()
	return l
}

// index makes the lookups of the language's taxonomies by name.
func (l *Language) index() {
	l.byPlural = make(map[string]model.Kind, len(l.Taxonomies))
	l.byName = make(map[string]model.Kind, 2*len(l.Taxonomies))
	for _, t := range l.Taxonomies {
		l.byPlural[t.Plural] = t.Kind
		l.byName[t.Plural] = t.Kind
		l.kinds = max(l.kinds, int(t.Kind)+1)
	}
	for _, t := range l.Taxonomies {
		if _, taken := l.byName[strings.ToLower(t.Singular)]; !taken {
			l.byName[strings.ToLower(t.Singular)] = t.Kind
		}
	}
}

// kindByName is the kind of the taxonomy named, singular or plural, in any
// case, as ClassificationType names it.
func (l *Language) kindByName(name string) (model.Kind, bool) {
	k, ok := l.byName[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return model.Tag, false
	}
	return k, true
}

// Taxonomy is one taxonomy of a site's config: `tag: tags`.
type Taxonomy struct {
	Singular, Plural string
	Kind             model.Kind
}

// Kinds lists the language's taxonomies' kinds, in display order.
func (l *Language) Kinds() []model.Kind {
	ks := make([]model.Kind, len(l.Taxonomies))
	for i, t := range l.Taxonomies {
		ks[i] = t.Kind
	}
	return ks
}

// kindOf is the kind of the taxonomy whose plural is name, in any case.
func (l *Language) kindOf(name string) (model.Kind, bool) {
	k, ok := l.byPlural[strings.ToLower(name)]
	return k, ok
}

// Language returns the language with the code, or nil; "" is the default.
func (s *Site) Language(code string) *Language {
	if code == "" {
		code = s.DefaultLanguage
	}
	for _, l := range s.Languages {
		if l.Code == code {
			return l
		}
	}
	return nil
}

// Publishing is what Hugo publishes at now under the site's build flags.
func (s *Site) Publishing(now time.Time) model.Publishing {
	return model.Publishing{Now: now, Drafts: s.BuildDrafts, Future: s.BuildFuture, Expired: s.BuildExpired}
}

// dateKeys are the front matter keys, and Hugo's ":filename" and
// ":filemodtime", each date is taken from, first found first: Hugo's
// defaults with their aliases, or the config's frontmatter section.
type dateKeys struct {
	date, publishDate, expiryDate, lastmod []string
	all                                    map[string]bool // every key of the four
}

// withAll is d with all filled in.
func (d dateKeys) withAll() dateKeys {
	d.all = make(map[string]bool)
	for _, keys := range [][]string{d.date, d.publishDate, d.expiryDate, d.lastmod} {
		for _, k := range keys {
			d.all[k] = true
		}
	}
	return d
}

var defaultDateKeys = dateKeys{
	date:        []string{"date", "publishdate", "pubdate", "published", "lastmod", "modified"},
	publishDate: []string{"publishdate", "pubdate", "published", "date"},
	expiryDate:  []string{"expirydate", "unpublishdate"},
	lastmod:     []string{":git", "lastmod", "modified", "date", "publishdate", "pubdate", "published"},
}

// siteConfigNames are the names a site's config file has at its root, the
// first found being the one read; configExts the extensions, in the order
// Hugo tries them.
var (
	siteConfigNames = []string{"hugo", "config"}
	configExts      = []string{"toml", "yaml", "yml", "json"}
)

// findSiteConfig lists the config files of the site at the root of fsys,
// in the order Hugo merges them: hugo.* else config.* at the root, then
// the files of config/_default/ and config/production/ (Hugo's
// environment for a build). ok is false when there are none: the folder
// is not a site root.
func findSiteConfig(fsys fs.FS) (files []string, ok bool) {
root:
	for _, name := range siteConfigNames {
		for _, ext := range configExts {
			if isRegular(fsys, name+"."+ext) {
				files = append(files, name+"."+ext)
				break root
			}
		}
	}
	for _, dir := range []string{"config/_default", "config/production"} {
		_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && slices.Contains(configExts, strings.ToLower(strings.TrimPrefix(path.Ext(p), "."))) {
				files = append(files, p)
			}
			return nil
		})
	}
	return files, len(files) > 0
}

func isRegular(fsys fs.FS, name string) bool {
	info, err := fs.Stat(fsys, name)
	return err == nil && info.Mode().IsRegular()
}

// readSite reads and merges the config files of the site at the root of
// fsys and works out its taxonomies and languages. A file that cannot be
// read is a problem and left out.
func readSite(fsys fs.FS, files []string) (*Site, []model.Problem) {
	var problems []model.Problem
	cfg := map[string]any{}
	for _, name := range files {
		m, err := readConfigFile(fsys, name)
		if err != nil {
			problems = append(problems, problemOf(name, err))
			continue
		}
		mergeConfig(cfg, configAt(name, m))
	}
	c := siteConfig{cfg: cfg}
	if len(files) > 0 {
		c.file = files[0]
	}
	s := c.site()
	s.ConfigFiles = files
	return s, append(problems, c.problems...)
}

// problemOf makes an error from a file a problem at its place.
func problemOf(name string, err error) model.Problem {
	p := model.Problem{Path: name, Severity: model.Error, Err: err}
	var pe *PosError
	if errors.As(err, &pe) {
		p.Line, p.Col, p.Err = pe.Line, pe.Col, pe.Err
	}
	return p
}

// configAt places the content of a file of the config folder where its
// name says: hugo.* and config.* at the top, params.toml under params,
// params.fr.toml under languages.fr.params, taxonomies.fr.toml under
// languages.fr, as Hugo's LoadConfigFromDir does.
func configAt(name string, m map[string]any) map[string]any {
	if !strings.HasPrefix(name, "config/") {
		return m
	}
	base := strings.TrimSuffix(path.Base(name), path.Ext(name))
	if slices.Contains(siteConfigNames, base) {
		return m
	}
	key, lang, hasLang := strings.Cut(base, ".")
	if !hasLang {
		return map[string]any{strings.ToLower(key): m}
	}
	var inLang any = m
	switch key {
	case "menu", "menus":
		inLang = map[string]any{"menus": m}
	case "params":
		inLang = map[string]any{"params": m}
	}
	return map[string]any{"languages": map[string]any{strings.ToLower(lang): inLang}}
}

// readConfigFile decodes one config file into a map with lower-case keys,
// YAML as YAML 1.1, as Hugo reads it.
func readConfigFile(fsys fs.FS, name string) (map[string]any, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("cannot read the site config: %w", unwrapPathError(err))
	}
	data = Normalize(data)
	var v any
	switch strings.ToLower(path.Ext(name)) {
	case ".toml":
		var m map[string]any
		if err := toml.Unmarshal(data, &m); err != nil {
			var de *toml.DecodeError
			if errors.As(err, &de) {
				row, col := de.Position()
				return nil, &PosError{Line: row, Col: col, Err: fmt.Errorf("invalid TOML in the site config: %s", strings.TrimPrefix(de.Error(), "toml: "))}
			}
			return nil, fmt.Errorf("invalid TOML in the site config: %w", err)
		}
		v = m
	case ".json":
		if err := json.Unmarshal(data, &v); err != nil {
			return nil, fmt.Errorf("invalid JSON in the site config: %w", err)
		}
	default:
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			line, col, msg := yamlPosition(err, yamlLines{first: 1})
			return nil, &PosError{Line: line, Col: col, Err: fmt.Errorf("invalid YAML in the site config: %s", msg)}
		}
		if len(doc.Content) == 0 {
			return map[string]any{}, nil
		}
		if v, err = yaml11Tree(doc.Content[0]); err != nil {
			return nil, fmt.Errorf("invalid YAML in the site config: %w", err)
		}
	}
	m, ok := lowerKeys(v).(map[string]any)
	if !ok && v != nil {
		return nil, errors.New("the site config is not a map of settings")
	}
	if m == nil {
		m = map[string]any{}
	}
	return m, nil
}

// yaml11Tree decodes a YAML node as yaml.v2 would, every scalar as YAML 1.1
// reads it.
func yaml11Tree(n *yaml.Node) (any, error) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.SequenceNode:
		items := make([]any, len(n.Content))
		for i, c := range n.Content {
			v, err := yaml11Tree(c)
			if err != nil {
				return nil, err
			}
			items[i] = v
		}
		return items, nil
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "<<" {
				merged, err := yaml11Tree(n.Content[i+1])
				if err != nil {
					return nil, err
				}
				if mm, ok := merged.(map[string]any); ok {
					for k, v := range mm {
						if _, set := m[k]; !set {
							m[k] = v
						}
					}
				}
				continue
			}
			v, err := yaml11Tree(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	default: // a scalar, or what yaml.v3 reads as it reads any node
		return yaml11(n)
	}
}

// lowerKeys puts every map key in lower case, as Hugo reads settings.
func lowerKeys(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, item := range x {
			m[strings.ToLower(k)] = lowerKeys(item)
		}
		return m
	case []any:
		for i := range x {
			x[i] = lowerKeys(x[i])
		}
	}
	return v
}

// mergeConfig sets src's settings in dst, maps merged key by key and
// anything else replaced, as Hugo's config Set does.
func mergeConfig(dst, src map[string]any) {
	for k, v := range src {
		if dm, ok := dst[k].(map[string]any); ok {
			if sm, ok := v.(map[string]any); ok {
				mergeConfig(dm, sm)
				continue
			}
		}
		dst[k] = v
	}
}

// configText is a setting as text, or "" when it is not a scalar.
func configText(v any) string {
	s, _ := scalarText(jsonNumber(v))
	return s
}

// jsonNumber turns a whole float64, as encoding/json decodes every
// number, into an int, as the other decoders give it.
func jsonNumber(v any) any {
	if f, ok := v.(float64); ok && f == float64(int(f)) {
		return int(f)
	}
	return v
}

// warn notes a setting that is not as Hugo wants it.
func (c *siteConfig) warn(file string, format string, args ...any) {
	c.problems = append(c.problems, model.Problem{Path: file, Severity: model.Warning, Err: fmt.Errorf(format, args...)})
}

// siteConfig works a merged config out into a Site.
type siteConfig struct {
	cfg      map[string]any
	file     string // the first config file, where settings are reported
	problems []model.Problem
}

// site works out the Site from the merged settings.
func (c *siteConfig) site() *Site {
	s := &Site{
		DefaultLanguage: strings.ToLower(configText(c.cfg["defaultcontentlanguage"])),
		BuildDrafts:     c.flag("builddrafts"),
		BuildFuture:     c.flag("buildfuture"),
		BuildExpired:    c.flag("buildexpired"),
		dates:           c.dateKeys(),
		pathToLower:     !c.flag("disablepathtolower"),
		noAccents:       c.flag("removepathaccents"),
		disabled:        map[string]bool{},
	}
	if s.DefaultLanguage == "" {
		s.DefaultLanguage = "en"
	}
	taxonomies := c.taxonomies(c.cfg)
	location := c.location(c.cfg, time.UTC)
	contentDir := c.contentDir(c.cfg, "content")
	langs, _ := c.cfg["languages"].(map[string]any)
	disabled := c.list("disablelanguages")
	for code, v := range langs {
		lc, _ := v.(map[string]any)
		l := &Language{Code: code, Weight: c.weight(lc), ContentDir: c.contentDir(lc, contentDir),
			Taxonomies: taxonomies, Location: c.location(lc, location)}
		if _, own := lc["taxonomies"]; own {
			l.Taxonomies = c.taxonomies(lc)
		}
		l.index()
		off, _ := castBool(jsonNumber(lc["disabled"]))
		if (off || slices.ContainsFunc(disabled, func(d string) bool { return strings.EqualFold(d, code) })) && code != s.DefaultLanguage {
			s.disabled[code] = true // Hugo refuses to disable the default language
			continue
		}
		s.Languages = append(s.Languages, l)
	}
	if s.Language(s.DefaultLanguage) == nil {
		if len(langs) > 0 {
			c.warn(c.file, "defaultContentLanguage %q is none of the languages; taxo reads it as a language of its own", s.DefaultLanguage)
		}
		s.Languages = append(s.Languages, newLanguage(s.DefaultLanguage, taxonomies, contentDir, location))
	}
	sortLanguages(s.Languages, s.DefaultLanguage)
	seen := map[string]bool{}
	for _, l := range s.Languages {
		// The first language with a folder has it; the others' pages in
		// it are only those named with their code.
		if seen[l.ContentDir] {
			l.ContentDir = ""
		} else {
			seen[l.ContentDir] = true
		}
	}
	return s
}

// sortLanguages puts languages in Hugo's order: the default first, then
// by weight, unweighted last, then by code.
func sortLanguages(ls []*Language, def string) {
	slices.SortFunc(ls, func(a, b *Language) int {
		switch {
		case a.Code == def:
			return -1
		case b.Code == def:
			return 1
		case a.Weight != b.Weight && a.Weight != 0 && b.Weight != 0:
			return a.Weight - b.Weight
		case a.Weight != b.Weight:
			return b.Weight - a.Weight // 0 last
		}
		return strings.Compare(a.Code, b.Code)
	})
}

// taxonomies reads the taxonomies of a config (the site's or a
// language's): Hugo's defaults, tags and categories, when it has none;
// none for an empty map.
func (c *siteConfig) taxonomies(cfg map[string]any) []Taxonomy {
	v, set := cfg["taxonomies"]
	if !set {
		return []Taxonomy{
			{Singular: "category", Plural: "categories", Kind: model.Category},
			{Singular: "tag", Plural: "tags", Kind: model.Tag},
		}
	}
	m, ok := v.(map[string]any)
	if !ok {
		c.warn(c.file, "taxonomies is not a map of singular names to plural ones; the site has no taxonomies")
		return nil
	}
	// Declared in the order of their names, not the map's (which differs
	// from run to run): a kind's number orders the terms, so a start that
	// numbered them otherwise would find the graph and the learned model
	// kept in the index cache made from terms in another order.
	var out []Taxonomy
	for _, singular := range slices.Sorted(maps.Keys(m)) {
		plural := strings.ToLower(strings.TrimSpace(configText(m[singular])))
		if plural == "" {
			c.warn(c.file, "taxonomy %q has no plural name; it is left out", singular)
			continue
		}
		if !slices.ContainsFunc(out, func(t Taxonomy) bool { return t.Plural == plural }) {
			out = append(out, Taxonomy{Singular: singular, Plural: plural})
		}
	}
	slices.SortStableFunc(out, func(a, b Taxonomy) int { return strings.Compare(a.Plural, b.Plural) })
	for i := range out {
		out[i].Kind = model.DeclareKind(out[i].Singular, out[i].Plural)
	}
	slices.SortFunc(out, func(a, b Taxonomy) int { return model.CompareKinds(a.Kind, b.Kind) })
	return out
}

// flag reads a boolean setting as cast.ToBool does.
func (c *siteConfig) flag(key string) bool {
	b, _ := castBool(jsonNumber(c.cfg[key]))
	return b
}

// list reads a setting that is a list of text.
func (c *siteConfig) list(key string) []string {
	items, _ := c.cfg[key].([]any)
	var out []string
	for _, item := range items {
		out = append(out, configText(item))
	}
	return out
}

// weight reads a language's weight.
func (c *siteConfig) weight(lc map[string]any) int {
	switch w := jsonNumber(lc["weight"]).(type) {
	case int:
		return w
	case int64:
		return int(w)
	}
	return 0
}

// contentDir reads a contentDir setting, relative to the root and
// slash-separated, or def.
func (c *siteConfig) contentDir(cfg map[string]any, def string) string {
	dir := configText(cfg["contentdir"])
	if strings.TrimSpace(dir) == "" {
		return def
	}
	dir = path.Clean(strings.ReplaceAll(dir, "\\", "/"))
	if path.IsAbs(dir) || dir == ".." || strings.HasPrefix(dir, "../") {
		c.warn(c.file, "contentDir %q is outside the site; taxo reads only inside it, and uses %q", dir, def)
		return def
	}
	return dir
}

// location reads a timeZone setting, or def.
func (c *siteConfig) location(cfg map[string]any, def *time.Location) *time.Location {
	name := configText(cfg["timezone"])
	if name == "" {
		return def
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		c.warn(c.file, "timeZone %q is not a time zone taxo knows; dates without a zone are read in %s", name, def)
		return def
	}
	return loc
}

// dateKeys reads the frontmatter section: which keys each date comes
// from, ":default" standing for Hugo's own list, each key followed by its
// aliases.
func (c *siteConfig) dateKeys() dateKeys {
	d := defaultDateKeys
	fm, _ := c.cfg["frontmatter"].(map[string]any)
	for key, v := range fm {
		var into *[]string
		var def []string
		switch key {
		case "date":
			into, def = &d.date, defaultDateKeys.date
		case "publishdate":
			into, def = &d.publishDate, defaultDateKeys.publishDate
		case "expirydate":
			into, def = &d.expiryDate, defaultDateKeys.expiryDate
		case "lastmod":
			into, def = &d.lastmod, defaultDateKeys.lastmod
		default:
			continue
		}
		*into = expandDateKeys(c.textList(v), def)
	}
	return d.withAll()
}

// textList reads a setting that is a list of text or one text.
func (c *siteConfig) textList(v any) []string {
	if s, ok := v.(string); ok {
		return []string{s}
	}
	items, _ := v.([]any)
	var out []string
	for _, item := range items {
		out = append(out, configText(item))
	}
	return out
}

// dateAliases are the other front matter keys each date key stands for.
var dateAliases = map[string][]string{
	"lastmod":     {"modified"},
	"publishdate": {"pubdate", "published"},
	"expirydate":  {"unpublishdate"},
}

// expandDateKeys is a frontmatter list in lower case with ":default"
// replaced by Hugo's list and each key followed by its aliases, each once.
func expandDateKeys(keys, def []string) []string {
	var out []string
	add := func(k string) {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	for _, k := range keys {
		k = strings.ToLower(k)
		if k == ":default" {
			for _, dk := range def {
				add(dk)
			}
			continue
		}
		add(k)
		for _, a := range dateAliases[k] {
			add(a)
		}
	}
	return out
}
