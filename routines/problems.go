package routines

import "github.com/cooldown-app/cooldown/routines/strictyaml"

// Problem is one thing wrong in a routine file, with where it is; the
// settings file's problems are the same type, from the same reader.
type Problem = strictyaml.Problem

// Problems is every problem found in one or more files; it is an error so
// callers can pass it on whole.
type Problems = strictyaml.Problems
