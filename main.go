// Command maliatlas is Mali Routes Atlas: with no arguments (or "gui") it opens
// the window; "export", "layers" and "check" run headless.
package main

import (
	"fmt"
	"os"

	fyneapp "fyne.io/fyne/v2/app"

	"maliatlas/app"
	"maliatlas/cli"
	"maliatlas/project"
)

func main() {
	meta := appMeta()
	cli.Version = meta.String()
	app.Version = cli.Version
	args := os.Args[1:]
	if len(args) > 0 && args[0] != "gui" {
		attachConsole()
		os.Exit(cli.Main(args, os.Stdout, os.Stderr))
	}
	scene, err := cli.LoadScene()
	if err != nil {
		fmt.Fprintln(os.Stderr, "maliatlas:", err)
		os.Exit(1)
	}
	a := fyneapp.NewWithID(meta.ID)
	s := app.NewShell(a, scene, cli.MaliBound(scene.Catalog))
	s.Window.Show()
	s.StartAutosave(a.Storage().RootURI().Path())
	// "maliatlas gui FILE.matlas" opens a project.
	if len(args) == 2 {
		p, err := project.Load(args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "maliatlas:", err)
			os.Exit(1)
		}
		s.LoadProject(p)
	}
	a.Run()
}
