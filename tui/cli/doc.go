// Package cli is cooldown's command line: one file per command (start,
// list, show, plan, validate, history...), each with its own flags, built on
// cobra and fang. Exit codes are mapped in one place (exit.go); main.go only
// calls Main. Printing of lists, routines and history lives next to its
// command.
package cli
