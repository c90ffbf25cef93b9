package main

import (
	_ "embed"
	"fmt"
	"os"

	"maliatlas/cli"
)

// fyneAppTOML is the app's metadata file: the one source of its name, id and
// version for `fyne package`, the About box and `maliatlas --version`.
//
//go:embed FyneApp.toml
var fyneAppTOML []byte

// appMeta reads the embedded FyneApp.toml; a broken file is a build mistake,
// reported once, and the program goes on as version "dev".
func appMeta() cli.AppMeta {
	m, err := cli.ParseAppMeta(fyneAppTOML)
	if err != nil {
		fmt.Fprintln(os.Stderr, "maliatlas:", err)
		return cli.AppMeta{Name: "Mali Routes Atlas", ID: "org.maliroutesatlas.app", Version: "dev"}
	}
	return m
}
