// A function body change: one constant.
int body_value(int x)
{
	return x * 3 + 2;
}

int body_untouched(int x)
{
	return x - 7;
}
