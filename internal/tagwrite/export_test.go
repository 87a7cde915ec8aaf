package tagwrite

// WithBeforeRename returns the writer with a hook that runs once the
// temporary file is written and synced, before the rename.
func WithBeforeRename(w Writer, hook func(tmp string)) Writer {
	w.beforeRename = hook
	return w
}
