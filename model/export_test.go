package model

// NewIndexParts is newIndex, for the test that the number of runs the
// terms are indexed in does not change the index.
var NewIndexParts = func(g *Graph, parts int) *Index { return newIndex(g, parts, DefaultLanguage) }
