module example.com/avatar

go 1.19
