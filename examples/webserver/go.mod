module example.com/webserver

go 1.19
