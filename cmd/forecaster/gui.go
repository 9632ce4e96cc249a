package main

func runGUI() {
	a := newApp()
	w := a.NewWindow(appName)
	w.ShowAndRun()
}
