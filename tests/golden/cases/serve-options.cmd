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
echo "-- HTTPS with the certificate and key swapped"
openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 2 -subj /CN=127.0.0.1 2>/dev/null
echo "a long password" | charter serve --add-user bo > team.txt
unchanged charter serve --listen 127.0.0.1 --users team.txt --cert key.pem --key cert.pem
unchanged charter serve --listen 127.0.0.1 --users team.txt --cert missing.pem --key cert.pem
