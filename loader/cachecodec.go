package loader

import (
	"errors"
	"slices"
	"time"

	"github.com/pelletier/go-toml/v2"

	"taxo/internal/codec"
	"taxo/model"
)

// The index cache's records: what a load got from one file (fileParser),
// written by hand rather than with encoding/gob, which took five times as
// long to read them back (see cache_bench_test.go). A record is its text,
// every string of it one after the other, then the rest: numbers as
// varints, the strings by their lengths. Reading it back makes one string
// of the text, which the record's strings are cut from, and the structs
// that hold them: a term costs a handful of allocations, not one a field.
// In a term page's record a string the record already holds (the page's
// fields repeat the term's text) is written as where it stands, and read
// back as the same memory.

// recordEncoder writes one record.
type recordEncoder struct {
	data  codec.Writer
	text  []byte
	kinds map[model.Kind]bool // the kinds written, for the cache's table
	ok    bool                // false when a value cannot be written: the record is left out
	// seen is where each string written so far stands in the record's
	// text, while share is on: a term page's fields as a page repeat the
	// term's own text, which is written once and referred to after.
	seen  map[string]int
	share bool
	same  []int // for each field of a term page's page, the term's field it repeats, or -1
}

func (e *recordEncoder) reset() {
	e.data.Reset()
	e.text, e.ok, e.share = e.text[:0], true, false
	clear(e.seen)
}

// str writes a string: its length, doubled, with its text; or, for one
// already in the record's text, its length, doubled plus one, and where
// that text starts.
func (e *recordEncoder) str(s string) {
	if e.share && s != "" {
		if at, ok := e.seen[s]; ok {
			e.data.Uint(uint64(len(s))<<1 | 1)
			e.data.Uint(uint64(at))
			return
		}
		if e.seen == nil {
			e.seen = make(map[string]int)
		}
		e.seen[s] = len(e.text)
	}
	e.data.Uint(uint64(len(s)) << 1)
	e.text = append(e.text, s...)
}

func (e *recordEncoder) kind(k model.Kind) {
	e.kinds[k] = true
	e.data.Uint(uint64(k))
}

// Times are written with their zone: UTC, local, or an offset with the
// name of a location to find again.
const (
	timeZero byte = iota
	timeUTC
	timeLocal
	timeZone
)

func (e *recordEncoder) time(t time.Time) {
	loc := t.Location()
	switch {
	case t.IsZero() && loc == time.UTC:
		e.data.Byte(timeZero)
		return
	case loc == time.UTC:
		e.data.Byte(timeUTC)
	case loc == time.Local:
		e.data.Byte(timeLocal)
	default:
		e.data.Byte(timeZone)
	}
	e.data.Int(t.Unix())
	e.data.Uint(uint64(t.Nanosecond()))
	if loc != time.UTC && loc != time.Local {
		name, offset := t.Zone()
		e.str(loc.String())
		e.str(name)
		e.data.Int(int64(offset))
	}
}

// The kinds of value a field holds, as the decoders give them.
const (
	valNil byte = iota
	valFalse
	valTrue
	valInt
	valInt64
	valUint64
	valFloat
	valString
	valTime
	valList
	valMap
	valLocalDate
	valLocalTime
	valLocalDateTime
	valTermField // in a term page's page: the value of the term's field of that index
)

// value writes a field's value; one of a type it does not know makes the
// record one to leave out.
func (e *recordEncoder) value(v any, depth int) {
	if depth > maxFieldDepth+1 {
		e.ok = false
		return
	}
	switch x := v.(type) {
	case nil:
		e.data.Byte(valNil)
	case bool:
		if x {
			e.data.Byte(valTrue)
		} else {
			e.data.Byte(valFalse)
		}
	case int:
		e.data.Byte(valInt)
		e.data.Int(int64(x))
	case int64:
		e.data.Byte(valInt64)
		e.data.Int(x)
	case uint64:
		e.data.Byte(valUint64)
		e.data.Uint(x)
	case float64:
		e.data.Byte(valFloat)
		e.data.Float64(x)
	case string:
		e.data.Byte(valString)
		e.str(x)
	case time.Time:
		e.data.Byte(valTime)
		e.time(x)
	case []any:
		e.data.Byte(valList)
		e.data.Uint(uint64(len(x)))
		for _, item := range x {
			e.value(item, depth+1)
		}
	case map[string]any:
		e.data.Byte(valMap)
		e.data.Uint(uint64(len(x)))
		for k, item := range x {
			e.str(k)
			e.value(item, depth+1)
		}
	case toml.LocalDate:
		e.data.Byte(valLocalDate)
		e.localDate(x)
	case toml.LocalTime:
		e.data.Byte(valLocalTime)
		e.localTime(x)
	case toml.LocalDateTime:
		e.data.Byte(valLocalDateTime)
		e.localDate(x.LocalDate)
		e.localTime(x.LocalTime)
	default:
		e.ok = false
	}
}

func (e *recordEncoder) localDate(d toml.LocalDate) {
	e.data.Int(int64(d.Year))
	e.data.Int(int64(d.Month))
	e.data.Int(int64(d.Day))
}

func (e *recordEncoder) localTime(t toml.LocalTime) {
	e.data.Int(int64(t.Hour))
	e.data.Int(int64(t.Minute))
	e.data.Int(int64(t.Second))
	e.data.Int(int64(t.Nanosecond))
	e.data.Int(int64(t.Precision))
}

// length writes a slice's length, one more than it, 0 standing for nil:
// a nil slice and an empty one are read back as they were.
func (e *recordEncoder) length(n int, isNil bool) {
	if isNil {
		e.data.Uint(0)
		return
	}
	e.data.Uint(uint64(n) + 1)
}

// fields writes fields; same, when not nil, is for each the index of the
// term's field whose value it repeats, or -1.
func (e *recordEncoder) fields(fs []model.Field, same []int) {
	e.length(len(fs), fs == nil)
	for i, f := range fs {
		e.str(f.Key)
		if same != nil && same[i] >= 0 {
			e.data.Byte(valTermField)
			e.data.Uint(uint64(same[i]))
			continue
		}
		e.value(f.Value, 0)
	}
}

// appendTo appends the record to b: its text, then the rest.
func (e *recordEncoder) appendTo(b []byte) []byte {
	w := codec.NewWriter(b)
	w.Uint(uint64(len(e.text)))
	w.Raw(e.text)
	w.Uint(uint64(len(e.data.Bytes())))
	w.Raw(e.data.Bytes())
	return w.Bytes()
}

func (e *recordEncoder) stamp(s stamp) {
	e.data.Int(s.size)
	e.time(s.modTime)
	e.data.Uint(s.ino)
	e.data.Int(s.ctime)
}

// problems writes problems; the path of each is left out when it is rel.
func (e *recordEncoder) problems(ps []model.Problem, rel string) {
	e.data.Uint(uint64(len(ps)))
	for _, pr := range ps {
		e.data.Bool(pr.Path == rel)
		if pr.Path != rel {
			e.str(pr.Path)
		}
		e.data.Int(int64(pr.Line))
		e.data.Int(int64(pr.Col))
		e.data.Uint(uint64(pr.Severity))
		e.str(pr.Err.Error())
	}
}

// record writes what a load got from one file; ok is false when it holds
// something a record cannot.
func (e *recordEncoder) record(p *fileParser) (ok bool) {
	e.reset()
	f := p.found
	e.str(f.rel)
	e.str(f.slug)
	e.kind(f.kind)
	e.str(f.lang)
	e.str(f.mount)
	e.data.Uint(uint64(f.role))
	e.stamp(p.stamp)
	e.problems(p.problems, p.rel)
	switch {
	case p.term != nil && p.page != nil:
		e.ok = false // no file is both
	case p.term != nil:
		e.data.Byte(recordTerm)
		e.parsed(p.term)
	case p.page != nil:
		e.data.Byte(recordPage)
		e.page(p.page, nil)
	default:
		e.data.Byte(recordNothing)
	}
	return e.ok
}

// What a record holds besides its file's stamp and problems.
const (
	recordNothing byte = iota
	recordTerm
	recordPage
)

func (e *recordEncoder) parsed(d *parsed) {
	e.data.Uint(uint64(d.set))
	e.length(len(d.setRefs), d.setRefs == nil)
	for _, k := range d.setRefs {
		e.kind(k)
	}
	e.data.Bool(d.index)
	t := d.term
	e.share = t.Page != nil
	e.str(string(t.ID))
	e.kind(t.Kind)
	e.str(t.Slug)
	e.str(t.Title)
	e.str(t.Description)
	e.str(t.Abstract)
	e.str(t.Instructions)
	e.data.Int(int64(t.Weight))
	e.str(t.Icon)
	e.time(t.Date)
	e.str(t.Path)
	e.str(t.AltPath)
	e.data.Bool(t.Defined)
	e.str(t.Lang)
	e.length(len(t.Refs), t.Refs == nil)
	total := 0
	for _, refs := range t.Refs {
		total += len(refs)
	}
	e.data.Uint(uint64(total))
	if len(t.Refs) > maxRecordKinds {
		e.ok = false // more taxonomies than a record holds: the file is read again
	}
	for k, refs := range t.Refs {
		e.kind(model.Kind(k))
		e.data.Bool(refs != nil)
		e.data.Uint(uint64(len(refs)))
		for _, r := range refs {
			e.str(r.Title)
			e.data.Int(int64(r.Line))
			e.data.Int(int64(r.Col))
		}
	}
	e.share = false // a body is nowhere else
	e.str(t.Body)
	e.share = t.Page != nil
	e.fields(t.Fields, nil)
	e.data.Bool(t.Page != nil)
	if t.Page != nil {
		e.same = slices.Grow(e.same[:0], len(t.Page.Fields))[:len(t.Page.Fields)]
		for i := range e.same {
			e.same[i] = -1
		}
		sameFields(t.Page.Fields, t.Fields, func(i, k int) { e.same[i] = k })
		e.page(t.Page, e.same)
	}
}

// page writes a page; same is as for fields.
func (e *recordEncoder) page(p *model.Page, same []int) {
	e.str(p.Path)
	e.str(p.Lang)
	e.str(p.Title)
	e.str(p.Description)
	e.data.Bool(p.Section)
	e.time(p.Date)
	e.time(p.PublishDate)
	e.time(p.ExpiryDate)
	e.time(p.Lastmod)
	e.data.Bool(p.Draft)
	e.length(len(p.Terms), p.Terms == nil)
	for _, pt := range p.Terms {
		e.kind(pt.Kind)
		e.str(pt.Key)
		e.str(pt.Title)
		e.data.Int(int64(pt.Line))
		e.data.Int(int64(pt.Col))
	}
	e.fields(p.Fields, same)
}

// recordDecoder reads records back. Every read is checked: a cache that
// is corrupt (or foreign) makes it bad, never a panic.
type recordDecoder struct {
	r    codec.Reader[[]byte] // the record's data, or the trailer's
	text string
	rec  string // the text from the record's first string on, which references point into
	// termFields are the fields of the term whose page is being read,
	// which its fields' values may refer to.
	termFields []model.Field
	kinds      map[uint64]model.Kind // the cache's kinds to this process's
	zones      map[zoneKey]*time.Location
	buf        []byte // the block being read
	// The lists records hold are cut from slabs, a few allocations for a
	// thousand records rather than one or two each.
	pageTerms []model.PageTerm
	refSlab   []model.Ref
	refLists  [][]model.Ref
}

// slabSize is how many items a slab of lists holds, at the least.
const slabSize = 4096

// cut gives n items of the slab *s, capped so that appending to one list
// never writes into the next, making a new slab when it has too few left.
func cut[T any](s *[]T, n int) []T {
	if cap(*s)-len(*s) < n {
		*s = make([]T, 0, max(n, slabSize))
	}
	at := len(*s)
	*s = (*s)[:at+n]
	return (*s)[at : at+n : at+n]
}

// length reads what recordEncoder.length wrote: -1 for nil.
func (d *recordDecoder) length() int {
	n := d.r.Uint()
	if n > uint64(d.r.Len())+1 {
		d.r.Fail()
		return -1
	}
	return int(n) - 1
}

// bool reads what recordEncoder wrote for a bool: a byte, 1 for true.
func (d *recordDecoder) bool() bool { return d.r.Byte() == 1 }

// str reads what recordEncoder.str wrote: a string cut from the text, or
// one the record's text already held, shared with it.
func (d *recordDecoder) str() string {
	n := d.r.Uint()
	if n&1 == 1 {
		n >>= 1
		at, read := d.r.Uint(), uint64(len(d.rec)-len(d.text))
		if at > read || n > read-at || d.r.Bad() {
			d.r.Fail()
			d.text = ""
			return ""
		}
		return d.rec[at : at+n]
	}
	n >>= 1
	if n > uint64(len(d.text)) {
		d.r.Fail()
		d.text = ""
		return ""
	}
	s := d.text[:n]
	d.text = d.text[n:]
	return s
}

func (d *recordDecoder) kind() model.Kind {
	k, ok := d.kinds[d.r.Uint()]
	if !ok {
		d.r.Fail()
	}
	return k
}

func (d *recordDecoder) time() time.Time {
	how := d.r.Byte()
	if how == timeZero {
		return time.Time{}
	}
	sec, nsec := d.r.Int(), d.r.Uint()
	if nsec >= 1e9 {
		d.r.Fail()
		return time.Time{}
	}
	t := time.Unix(sec, int64(nsec))
	switch how {
	case timeUTC:
		return t.UTC()
	case timeLocal:
		return t.In(time.Local)
	case timeZone:
		locName, name, offset := d.str(), d.str(), int(d.r.Int())
		return t.In(d.zone(locName, name, offset, t))
	}
	d.r.Fail()
	return time.Time{}
}

// zone finds a time's location again: by its name, when this system has
// it and it gives the time the offset written, else as that fixed offset
// under the zone's name, as a decoder makes for a time written with an
// offset.
func (d *recordDecoder) zone(locName, name string, offset int, t time.Time) *time.Location {
	key := zoneKey{locName, name, offset}
	if loc, ok := d.zones[key]; ok {
		return loc
	}
	loc := time.FixedZone(name, offset)
	if locName != "" && locName != name {
		if l, err := time.LoadLocation(locName); err == nil {
			if n, off := t.In(l).Zone(); n == name && off == offset {
				loc = l
			}
		}
	}
	if d.zones == nil {
		d.zones = make(map[zoneKey]*time.Location)
	}
	d.zones[key] = loc
	return loc
}

// zoneKey is a location as a record names it.
type zoneKey struct {
	loc, name string
	offset    int
}

func (d *recordDecoder) value(depth int) any {
	if depth > maxFieldDepth+1 {
		d.r.Fail()
		return nil
	}
	switch d.r.Byte() {
	case valNil:
		return nil
	case valFalse:
		return false
	case valTrue:
		return true
	case valInt:
		return int(d.r.Int())
	case valInt64:
		return d.r.Int()
	case valUint64:
		return d.r.Uint()
	case valFloat:
		return d.r.Float64()
	case valString:
		return d.str()
	case valTime:
		return d.time()
	case valList:
		items := make([]any, d.r.Count(1))
		for i := range items {
			items[i] = d.value(depth + 1)
		}
		return items
	case valMap:
		n := d.r.Count(1)
		m := make(map[string]any, n)
		for range n {
			k := d.str()
			m[k] = d.value(depth + 1)
		}
		return m
	case valLocalDate:
		return d.localDate()
	case valLocalTime:
		return d.localTime()
	case valLocalDateTime:
		return toml.LocalDateTime{LocalDate: d.localDate(), LocalTime: d.localTime()}
	case valTermField:
		k := d.r.Uint()
		if depth == 0 && k < uint64(len(d.termFields)) {
			return d.termFields[k].Value
		}
	}
	d.r.Fail()
	return nil
}

func (d *recordDecoder) localDate() toml.LocalDate {
	return toml.LocalDate{Year: int(d.r.Int()), Month: int(d.r.Int()), Day: int(d.r.Int())}
}

func (d *recordDecoder) localTime() toml.LocalTime {
	return toml.LocalTime{Hour: int(d.r.Int()), Minute: int(d.r.Int()), Second: int(d.r.Int()), Nanosecond: int(d.r.Int()), Precision: int(d.r.Int())}
}

func (d *recordDecoder) fields() []model.Field {
	n := d.length()
	if n < 0 {
		return nil
	}
	fs := make([]model.Field, n)
	for i := range fs {
		fs[i].Key = d.str()
		fs[i].Value = d.value(0)
	}
	return fs
}

// split takes a record-like frame: its text, then the rest to read.
func (d *recordDecoder) split(b []byte) bool {
	d.r = codec.NewReader(b)
	n := d.r.Count(1)
	if d.r.Bad() {
		return false
	}
	d.text = string(d.r.Next(n))
	d.rec = d.text
	m := d.r.Count(1)
	return !d.r.Bad() && m == d.r.Len()
}

func (d *recordDecoder) stamp() stamp {
	return stamp{size: d.r.Int(), modTime: d.time(), ino: d.r.Uint(), ctime: d.r.Int()}
}

// problems reads problems; rel is the path of those written without one.
func (d *recordDecoder) problems(rel string) []model.Problem {
	n := d.r.Count(1)
	if n == 0 {
		return nil
	}
	ps := make([]model.Problem, n)
	for i := range ps {
		pr := &ps[i]
		pr.Path = rel
		if !d.bool() {
			pr.Path = d.str()
		}
		pr.Line, pr.Col, pr.Severity = int(d.r.Int()), int(d.r.Int()), model.Severity(d.r.Uint())
		pr.Err = errors.New(d.str())
	}
	return ps
}

// record reads one record back, its strings cut from the block's text;
// nil when it cannot.
func (d *recordDecoder) record(data []byte) *fileParser {
	d.r, d.rec = codec.NewReader(data), d.text
	var f found
	f.rel, f.slug, f.kind, f.lang, f.mount, f.role = d.str(), d.str(), d.kind(), d.str(), d.str(), fileRole(d.r.Uint())
	st, problems := d.stamp(), d.problems(f.rel)
	var p *fileParser
	// A record is one allocation, with the term or the page it holds.
	switch d.r.Byte() {
	case recordNothing:
		p = &fileParser{}
	case recordTerm:
		rec := &struct {
			fileParser
			parsed
			model.Term
		}{}
		p = &rec.fileParser
		p.term, rec.parsed.term = &rec.parsed, &rec.Term
		d.parsed(p.term)
	case recordPage:
		rec := &struct {
			fileParser
			model.Page
		}{}
		p = &rec.fileParser
		p.page = &rec.Page
		d.page(p.page)
	default:
		return nil
	}
	p.found, p.rel, p.stamp, p.problems = f, f.rel, st, problems
	if d.r.Bad() || d.r.Len() != 0 || f.role > taxonomyPage {
		return nil
	}
	return p
}

// parsed reads a term file's term into p, whose term is allocated.
func (d *recordDecoder) parsed(p *parsed) {
	p.set = fieldSet(d.r.Uint())
	if n := d.length(); n >= 0 {
		p.setRefs = make([]model.Kind, n)
		for i := range p.setRefs {
			p.setRefs[i] = d.kind()
		}
	}
	p.index = d.bool()
	t := p.term
	t.ID, t.Kind, t.Slug = model.ID(d.str()), d.kind(), d.str()
	t.Title, t.Description, t.Abstract, t.Instructions = d.str(), d.str(), d.str(), d.str()
	t.Weight, t.Icon, t.Date = int(d.r.Int()), d.str(), d.time()
	t.Path, t.AltPath, t.Defined, t.Lang = d.str(), d.str(), d.bool(), d.str()
	t.Refs = d.refs()
	t.Body = d.str()
	t.Fields = d.fields()
	if d.bool() {
		t.Page = new(model.Page)
		d.termFields = t.Fields
		d.page(t.Page)
		d.termFields = nil
	}
}

// maxRecordKinds is how many kinds' lists a term's record holds: a site
// with more taxonomies than that has its term pages read at each start.
const maxRecordKinds = 64

// refs reads a term's lists, each at the place of its kind as this
// process numbers them, nil where the file gave none; their titles share
// one array.
func (d *recordDecoder) refs() [][]model.Ref {
	n, total := d.length(), d.r.Count(1)
	if n < 0 {
		return nil
	}
	all := cut(&d.refSlab, total)
	var kinds [maxRecordKinds]model.Kind
	var ends [maxRecordKinds]int
	size, used := 0, 0
	for j := range n {
		k, set, m := d.kind(), d.bool(), d.r.Count(1)
		if d.r.Bad() || j >= len(kinds) || used+m > len(all) {
			d.r.Fail()
			return nil
		}
		for i := range m {
			all[used+i] = model.Ref{Title: d.str(), Line: int(d.r.Int()), Col: int(d.r.Int())}
		}
		used += m
		kinds[j], ends[j], size = k, used, max(size, int(k)+1)
		if !set {
			ends[j] = -1
		}
	}
	out := cut(&d.refLists, size)
	start := 0
	for j := range n {
		if ends[j] >= 0 {
			out[kinds[j]] = all[start:ends[j]:ends[j]]
			start = ends[j]
		}
	}
	return out
}

// page reads a page into p.
func (d *recordDecoder) page(p *model.Page) {
	p.Path, p.Lang, p.Title, p.Description, p.Section = d.str(), d.str(), d.str(), d.str(), d.bool()
	p.Date, p.PublishDate, p.ExpiryDate, p.Lastmod = d.time(), d.time(), d.time(), d.time()
	p.Draft = d.bool()
	if n := d.length(); n >= 0 {
		p.Terms = cut(&d.pageTerms, n)
		for i := range p.Terms {
			p.Terms[i] = model.PageTerm{Kind: d.kind(), Key: d.str(), Title: d.str(), Line: int(d.r.Int()), Col: int(d.r.Int())}
		}
	}
	p.Fields = d.fields()
}
