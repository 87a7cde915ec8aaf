package cli

// FileContents is snapshot for the external tests: every file under a
// folder and its bytes, to see what a command wrote (a file's text, not
// its modification time).
var FileContents = snapshot
