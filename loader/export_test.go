package loader

// PoisonReadBuffers sets poisonReadBuffers, for the tests outside the
// package.
func PoisonReadBuffers(on bool) { poisonReadBuffers = on }
