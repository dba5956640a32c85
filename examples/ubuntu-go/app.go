// app prints a greeting; the seed built it on ubuntu with the distribution's Go toolchain.
package main

import (
	"fmt"
	"os"
)

func main() {
	name := "world"
	if len(os.Args) > 1 {
		name = os.Args[1]
	}
	fmt.Printf("hello, %s\n", name)
}
