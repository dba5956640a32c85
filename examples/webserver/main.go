// webserver answers on :8080. The seed used gin; this example keeps to the standard library so that it
// builds without fetching modules, and keeps the seed's Dockerfile shape (GOPROXY, MAINTAINER, EXPOSE).
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
)

func main() {
	http.HandleFunc("/ping", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, `{"message":"pong"}`)
	})
	addr := ":8080"
	if port := os.Getenv("PORT"); port != "" {
		addr = ":" + port
	}
	log.Printf("webserver listening on %s", addr)
	log.Fatal(http.ListenAndServe(addr, nil))
}
