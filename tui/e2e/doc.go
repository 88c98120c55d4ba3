// Package e2e tests the real binary in a pseudo-terminal (through
// tui/ptytest): sessions from start to summary, signals, resizes, tiny
// windows, full disks, hostile files. The binary is built once per run;
// `go test -short` skips these tests.
package e2e
