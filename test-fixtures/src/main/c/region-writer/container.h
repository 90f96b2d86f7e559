/* region-writer container: a container's CUDA process, from HAMi-core's environment, until it is stopped. */
#ifndef REGION_WRITER_CONTAINER_H
#define REGION_WRITER_CONTAINER_H

/* option: NULL or "--exit-with-parent". */
int container_run(const char *fraction, const char *option);

#endif
