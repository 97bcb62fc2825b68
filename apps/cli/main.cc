#include <cstdio>
int main() { std::puts("airm: under construction"); return 0; }
