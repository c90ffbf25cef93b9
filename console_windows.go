//go:build windows

package main

import (
	"os"
	"syscall"
)

// attachConsole gives the command line a console on Windows. The executable is
// built for the GUI subsystem (no console window flashes up when a trainer
// double-clicks it), so a command typed in cmd.exe or PowerShell would print
// nothing: attach to the parent's console and point the standard streams at
// it. Streams already redirected (to a file or a pipe) are left as they are.
func attachConsole() {
	const attachParentProcess = ^uint32(0) // ATTACH_PARENT_PROCESS (DWORD)-1
	k32 := syscall.NewLazyDLL("kernel32.dll")
	attach := k32.NewProc("AttachConsole")
	if r, _, _ := attach.Call(uintptr(attachParentProcess)); r == 0 {
		return // no parent console (started from Explorer) or already attached
	}
	if !valid(os.Stdout) {
		if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
			os.Stdout = f
		}
	}
	if !valid(os.Stderr) {
		if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
			os.Stderr = f
		}
	}
}

// valid reports whether f is an open handle (a redirect the parent set up).
func valid(f *os.File) bool {
	if f == nil {
		return false
	}
	_, err := f.Stat()
	return err == nil
}
