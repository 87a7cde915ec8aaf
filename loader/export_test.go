package loader

// PoisonReadBuffers sets poisonReadBuffers, for the tests outside the
// package.
func PoisonReadBuffers(on bool) { poisonReadBuffers = on }

// GraphsFromCache is how many of the graphs r's Graph gave were taken from
// the index cache rather than linked.
func GraphsFromCache(r *Result) int {
	if r.graphs == nil {
		return 0
	}
	r.graphs.mu.Lock()
	defer r.graphs.mu.Unlock()
	return r.graphs.taken
}
