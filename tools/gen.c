/*
 * gen.c: writes a synthetic corpus for `make bench`: N megabytes of
 * interview transcripts (INTERVIEWER:/RESPONDENT: turns, realistic turn and
 * sentence lengths, a vocabulary of fieldwork words), deterministic for a
 * given seed.
 *
 * usage: gen DIR MEGABYTES [SEED]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static unsigned long long state;

static unsigned rnd(unsigned n)
{
	state = state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((state >> 33) % n);
}

static const char *const words[] = {
	"the", "and", "I", "you", "it", "to", "was", "a", "of", "that", "they",
	"in", "my", "me", "but", "so", "know", "just", "like", "really", "erm",
	"well", "adviser", "Jobcentre", "letter", "interview", "work", "job",
	"benefit", "health", "back", "pain", "depression", "anxiety", "provider",
	"course", "training", "money", "worried", "appointment", "phone", "rang",
	"said", "went", "felt", "think", "thought", "help", "helped", "support",
	"CV", "confidence", "doctor", "medical", "sanction", "sanctioned",
	"incapacity", "condition", "management", "programme", "volunteer",
	"part-time", "hours", "childcare", "kids", "partner", "bus", "office",
	"form", "forms", "week", "weeks", "months", "year", "time", "people",
	"staff", "target", "targets", "outcome", "placement", "employer",
	"pushed", "pressure", "nice", "friendly", "useless", "waste", "better",
	"worse", "because", "when", "then", "there", "what", "about", "would",
	"could", "never", "always", "sometimes", "again", "first", "after",
	"before", "get", "got", "going", "come", "came", "see", "saw", "told",
	"asked", "wanted", "need", "needed", "try", "tried", "start", "started",
	"fine", "okay", "hard", "easy", "long", "short", "little", "lot",
	"mum", "daughter", "son", "husband", "wife", "home", "house", "town",
	"credit", "calculation", "better-off", "tax", "wages", "shop", "care",
	"warehouse", "cleaning", "driving", "computer", "college", "skills"};
#define NW (sizeof words / sizeof words[0])

static const char *const questions[] = {
	"How did you first hear about it?", "Can you say a bit more about that?",
	"What happened at the interview?", "How did that make you feel?",
	"Did the adviser explain what the provider does?",
	"What support did they offer you?", "And did you go?",
	"Has it made any difference to you?", "What would you change?",
	"Tell me about your health at the moment."};
#define NQ (sizeof questions / sizeof questions[0])

static void sentence(FILE *f, int nwords)
{
	for (int i = 0; i < nwords; i++) {
		const char *w = words[rnd(NW)];
		if (i == 0)
			fprintf(f, "%c%s", w[0] >= 'a' && w[0] <= 'z' ? w[0] - 32 : w[0],
			        w + 1);
		else
			fprintf(f, " %s", w);
	}
	fputs(rnd(8) ? ". " : "? ", f);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: gen DIR MEGABYTES [SEED]\n");
		return 2;
	}
	const char *dir = argv[1];
	long mb = atol(argv[2]);
	state = argc > 3 ? strtoull(argv[3], NULL, 10) : 20081;
	if (mkdir(dir, 0777) && errno != EEXIST) {
		perror(dir);
		return 1;
	}
	long long target = mb * 1024LL * 1024LL, written = 0;
	int n = 0;
	while (written < target) {
		char path[4096];
		snprintf(path, sizeof path, "%s/t%05d.txt", dir, ++n);
		FILE *f = fopen(path, "w");
		if (!f) {
			perror(path);
			return 1;
		}
		fprintf(f, "Synthetic interview %d for charter's benchmark\n\n", n);
		/* about 100 KB per transcript, like a long interview */
		int turns = 60 + (int)rnd(60);
		for (int t = 0; t < turns; t++) {
			fprintf(f, "INTERVIEWER: %s\n\n", questions[rnd(NQ)]);
			fputs("RESPONDENT: ", f);
			int paras = 1 + (int)rnd(3);
			for (int p = 0; p < paras; p++) {
				int ns = 2 + (int)rnd(8);
				for (int s = 0; s < ns; s++)
					sentence(f, 5 + (int)rnd(20));
				fputs("\n\n", f);
			}
		}
		written += ftell(f);
		fclose(f);
	}
	printf("%d transcripts, %.1f MB in %s\n", n, written / 1048576.0, dir);
	return 0;
}
