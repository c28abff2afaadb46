//go:build !unix

package main

import "os/exec"

func own(cmd *exec.Cmd)                 {}
func track(cmd *exec.Cmd) (done func()) { return func() {} }
func killChildren()                     {}
func dieWithChildren()                  {}
