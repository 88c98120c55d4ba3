package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"charm.land/fang/v2"
	"github.com/charmbracelet/colorprofile"
)

// Exit codes, mapped once here: 0 done or quit, 1 runtime failure, 2 bad
// usage or invalid routine data, 130 interrupted by a signal.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitInterrupted = 130
)

// exitError carries an exit code up to main, where it is mapped once.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErr(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// ioStreams is what the commands read of the outside world. The func
// fields may be nil (the real clock and terminal); tests set them instead
// of changing package state.
type ioStreams struct {
	in       *os.File
	out, err io.Writer

	version string

	now   func() time.Time
	width func(io.Writer) (width int, isTerm bool)
	look  func(in *os.File, out io.Writer) (colorprofile.Profile, bool)
}

// withDefaults fills the nil hooks with the real clock and terminal.
func (s ioStreams) withDefaults() ioStreams {
	if s.now == nil {
		s.now = time.Now
	}
	if s.width == nil {
		s.width = terminalWidth
	}
	if s.look == nil {
		s.look = lookOf
	}
	return s
}

// run executes the command line and returns the exit code.
func run(ctx context.Context, args []string, io ioStreams) int {
	app := newApp(io)
	root := app.rootCmd()
	root.SetArgs(args)
	root.SetIn(io.in)
	root.SetOut(io.out)
	root.SetErr(io.err)
	err := fang.Execute(ctx, root, fang.WithVersion(versionString(io.version)), fang.WithErrorHandler(errorHandler),
		fang.WithoutManpage()) // cooldown's own man command has FILES and EXIT STATUS
	if err == nil && app.exit != 0 {
		return app.exit
	}
	return exitCode(err)
}

// errorHandler prints errors plainly: our messages already name the file,
// line and field, and scripts match on them.
func errorHandler(w io.Writer, _ fang.Styles, err error) {
	var ee *exitError
	if errors.As(err, &ee) && ee.err == errSilent {
		return
	}
	diag(w, "%v", err)
}

// errSilent marks a failure whose details were already printed.
var errSilent = errors.New("")

func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if isCobraUsage(err) {
		return exitUsage
	}
	return exitFailure
}

// Main runs the command line with the process's streams and returns the
// exit code. version is what --version prints ("" reads the build info).
func Main(ctx context.Context, version string, args []string) int {
	collectAt(os.Getenv, commandGCPercent)
	return run(ctx, args, ioStreams{in: os.Stdin, out: os.Stdout, err: os.Stderr, version: version})
}

func versionString(version string) string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// isCobraUsage recognises cobra's own argument errors, which are plain
// errors without a type.
func isCobraUsage(err error) bool {
	msg := strings.ToLower(err.Error())
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires at least", "requires at most", "invalid argument", "flag needs an argument", "required flag", "if any flags in the group"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
