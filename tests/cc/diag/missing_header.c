#include <stdio.h>
#include "protocol.h"

int main(void)
{
    return 0;
}
