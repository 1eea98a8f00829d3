/* bench-socket-floor.c: what the kernel alone costs a round trip
 *
 *   bench-socket-floor roundtrip tcp://HOST:PORT IN_FLIGHT COUNT WARMUP
 *
 * Plain blocking-free sockets against a raw TCP echo server: poll, one send
 * of every message due, one receive, nothing else. Messages have the size of
 * an echo action's frame. What this costs is the least any client pays for
 * the same round trips on this machine, in system time.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench-common.h"

/* The size of {"event":"action","params":{"message":"…","action":"echo"}}
 * as a masked WebSocket frame. */
#define MESSAGE_SIZE 107

static int
connect_to (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  struct sockaddr_in address = { .sin_family = AF_INET };
  int one = 1;
  int fd;

  if (uri == NULL || g_uri_get_port (uri) <= 0)
    g_error ("Not a tcp://HOST:PORT URL: %s", url);

  address.sin_port = htons (g_uri_get_port (uri));
  if (inet_pton (AF_INET, g_uri_get_host (uri), &address.sin_addr) != 1)
    g_error ("Not an IPv4 address: %s", g_uri_get_host (uri));

  fd = socket (AF_INET, SOCK_STREAM, 0);
  if (fd < 0 || connect (fd, (struct sockaddr *)&address, sizeof address) < 0)
    g_error ("Could not connect to %s", url);
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

  return fd;
}

int
main (int   argc,
      char *argv[])
{
  static char outgoing[MESSAGE_SIZE * 64];
  static char incoming[64 * 1024];
  BenchSample start, end;
  guint in_flight, count, warmup;
  guint64 received = 0;
  gsize partial = 0;
  gboolean measuring = FALSE;
  int fd;

  if (argc != 6 || strcmp (argv[1], "roundtrip") != 0)
    {
      g_printerr ("Usage: bench-socket-floor roundtrip tcp://HOST:PORT IN_FLIGHT COUNT WARMUP\n");
      return 2;
    }

  fd = connect_to (argv[2]);
  in_flight = bench_parse_uint (argv[3], "IN_FLIGHT");
  count = bench_parse_uint (argv[4], "COUNT");
  warmup = bench_parse_uint (argv[5], "WARMUP");
  if (in_flight == 0 || in_flight > 64)
    g_error ("IN_FLIGHT must be between 1 and 64");

  memset (outgoing, 'x', sizeof outgoing);
  if (send (fd, outgoing, MESSAGE_SIZE * in_flight, 0) < 0)
    g_error ("send failed");

  while (received < (guint64)warmup + count)
    {
      struct pollfd ready = { .fd = fd, .events = POLLIN };
      gssize got;
      guint done;

      if (!measuring && received >= warmup)
        {
          bench_sample_take (&start);
          measuring = TRUE;
        }

      poll (&ready, 1, -1);
      got = recv (fd, incoming, sizeof incoming, 0);
      if (got <= 0)
        g_error ("The echo server went away");

      partial += got;
      done = partial / MESSAGE_SIZE;
      partial %= MESSAGE_SIZE;
      received += done;

      /* Each message back makes room for the next: sent together. */
      if (done > 0 && send (fd, outgoing, MESSAGE_SIZE * MIN (done, 64), 0) < 0)
        g_error ("send failed");
    }

  bench_sample_take (&end);
  bench_print_result ("socket_floor", count, &start, &end);
  close (fd);

  return 0;
}
