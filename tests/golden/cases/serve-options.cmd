# charter serve refuses to open the workbench to a network without
# sign-in and HTTPS; --add-user makes a users file's line.
study
unchanged charter serve --listen 0.0.0.0
unchanged charter serve --listen 192.168.1.5 --users users.txt
unchanged charter serve --cert c.pem
unchanged charter serve --port 99999
echo "a long password" | charter serve --add-user bo | cut -c1-22
echo "short" | unchanged charter serve --add-user bo
unchanged charter serve --add-user bo < /dev/null
printf 'bo:plain\n' > users.txt
unchanged charter serve --users users.txt
unchanged charter -p missing.charter serve
